package io.smartshare.contracts;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The result of checking an input from a peer, a file or the network: either accepted with
 * a value, or rejected with a machine-readable reason and a text naming the bad input.
 * A rejection never changes any state: the caller keeps what it had.
 *
 * @param <T> the value an acceptance carries
 * @param <R> the enum of rejection reasons
 */
public sealed interface Outcome<T, R extends Enum<R>> {

    /** The input was accepted; {@code value} is what it produced. */
    record Accepted<T, R extends Enum<R>>(T value) implements Outcome<T, R> {
        public Accepted {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The input was rejected for {@code reason}; {@code detail} names the input and the check. */
    record Rejected<T, R extends Enum<R>>(R reason, String detail) implements Outcome<T, R> {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public String toString() {
            return reason + ": " + detail;
        }
    }

    /** An acceptance carrying {@code value}. */
    static <T, R extends Enum<R>> Outcome<T, R> accepted(T value) {
        return new Accepted<>(value);
    }

    /** A rejection for {@code reason}; {@code detail} names the input and the failed check. */
    static <T, R extends Enum<R>> Outcome<T, R> rejected(R reason, String detail) {
        return new Rejected<>(reason, detail);
    }

    /** The value if accepted. */
    default Optional<T> acceptedValue() {
        return this instanceof Accepted<T, R> a ? Optional.of(a.value()) : Optional.empty();
    }

    /** This outcome with its value, if accepted, turned into {@code mapper}'s result; a rejection as it is. */
    default <U> Outcome<U, R> map(Function<? super T, ? extends U> mapper) {
        return this instanceof Accepted<T, R> a ? accepted(mapper.apply(a.value()))
                : rejected(((Rejected<T, R>) this).reason(), ((Rejected<T, R>) this).detail());
    }

    /** The rejection if rejected. */
    default Optional<Rejected<T, R>> rejection() {
        return this instanceof Rejected<T, R> r ? Optional.of(r) : Optional.empty();
    }

    /**
     * The value if accepted.
     *
     * @throws ContractException naming the reason and detail if rejected
     */
    default T orElseThrow() {
        if (this instanceof Rejected<T, R> r) {
            throw new ContractException(r.toString());
        }
        return ((Accepted<T, R>) this).value();
    }
}
