package io.github.stackviz.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Failures of work done on another thread, thrown again on the thread that waits for it. */
final class OtherThreads {
    private OtherThreads() {
    }

    /** Waits for {@code work}; its failure is thrown as {@link #rethrow} does. */
    static <T> T await(Future<T> work, String what) throws IOException {
        try {
            return work.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + what, e);
        } catch (ExecutionException e) {
            rethrow(e.getCause());
            throw new AssertionError("unreachable");
        }
    }

    /**
     * Throws {@code failure}: an I/O failure as the {@link IOException} it is (also when wrapped in an
     * {@link UncheckedIOException}), unchecked ones and errors as they are, anything else wrapped.
     */
    static void rethrow(Throwable failure) throws IOException {
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof UncheckedIOException io) {
            throw io.getCause();
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        throw new IOException(failure);
    }
}
