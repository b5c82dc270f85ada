package demo;

/** Gives tests a duration, so that concurrent ones overlap far beyond Surefire's timestamp jitter. */
final class Pause {

    private Pause() {
    }

    static void ms(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
