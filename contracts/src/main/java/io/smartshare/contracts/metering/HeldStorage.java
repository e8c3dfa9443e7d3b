package io.smartshare.contracts.metering;

import io.smartshare.contracts.ContractException;
import java.math.BigInteger;

/**
 * The storage hook: turns "bytes held for a peer" readings into the cumulative
 * {@link Resource#STORAGE} counter, in megabyte-seconds (10^6 bytes for 1 s), by
 * integrating over time exactly; the fraction below one megabyte-second is carried, never
 * lost. Immutable: {@link #advance} returns the next state.
 *
 * @param bytesHeld bytes held since {@code sinceMillis}
 * @param sinceMillis time of the last reading
 * @param megabyteSeconds whole megabyte-seconds accumulated so far (the counter to report)
 * @param byteMillisCarried accumulated byte-milliseconds below one megabyte-second ({@code < 10^9})
 */
public record HeldStorage(long bytesHeld, long sinceMillis, long megabyteSeconds, long byteMillisCarried) {
    private static final BigInteger BYTE_MILLIS_PER_MB_S = BigInteger.valueOf(1_000_000_000L);

    public HeldStorage {
        if (bytesHeld < 0 || sinceMillis < 0 || megabyteSeconds < 0 || byteMillisCarried < 0
                || byteMillisCarried >= 1_000_000_000L) {
            throw new ContractException("held storage: out of range: bytes " + bytesHeld + ", since " + sinceMillis
                    + ", MB*s " + megabyteSeconds + ", carried " + byteMillisCarried);
        }
    }

    /** Nothing held yet, starting at {@code atMillis}. */
    public static HeldStorage startingAt(long atMillis) {
        return new HeldStorage(0, atMillis, 0, 0);
    }

    /**
     * Accounts for {@link #bytesHeld()} up to {@code atMillis}, then holds {@code nowHeld}.
     *
     * @throws ContractException if time went backwards
     */
    public HeldStorage advance(long nowHeld, long atMillis) {
        if (atMillis < sinceMillis) {
            throw new ContractException("held storage: reading at " + atMillis + " is before the last one at "
                    + sinceMillis);
        }
        BigInteger[] qr = BigInteger.valueOf(bytesHeld).multiply(BigInteger.valueOf(atMillis - sinceMillis))
                .add(BigInteger.valueOf(byteMillisCarried)).divideAndRemainder(BYTE_MILLIS_PER_MB_S);
        return new HeldStorage(nowHeld, atMillis, Math.addExact(megabyteSeconds, qr[0].longValueExact()),
                qr[1].longValueExact());
    }
}
