package demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MathTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void squares(int x) {
        Work.sleep(100L * x);
        assertEquals(x * x, Calculator.square(x));
    }

    @RepeatedTest(3)
    void addsRepeatedly(RepetitionInfo info) {
        System.out.println("repetition " + info.getCurrentRepetition() + " of " + info.getTotalRepetitions());
        Work.sleep(120);
        assertTrue(Calculator.add(info.getCurrentRepetition(), 1) > 1);
    }
}
