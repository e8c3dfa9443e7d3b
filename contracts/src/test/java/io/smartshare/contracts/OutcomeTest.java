package io.smartshare.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link Outcome#map}: an acceptance's value is mapped, a rejection passes unchanged. */
class OutcomeTest {
    @Test
    void mapTurnsAnAcceptedValueAndKeepsARejection() {
        Outcome<Long, TimeUnit> accepted = Outcome.accepted(41L);
        Outcome<Long, TimeUnit> rejected = Outcome.rejected(TimeUnit.DAYS, "too late");

        assertEquals(Outcome.accepted("42"), accepted.map(n -> Long.toString(n + 1)));
        assertEquals(Outcome.rejected(TimeUnit.DAYS, "too late"), rejected.map(n -> Long.toString(n + 1)));
    }
}
