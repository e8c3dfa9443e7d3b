package io.smartshare.contracts.channel;

import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.cose.CborFields;
import io.smartshare.contracts.receipt.Tolerance;
import io.smartshare.ledger.cbor.CborValue;
import java.math.BigInteger;
import java.util.List;

/**
 * The price of relaying agreed in a channel's signed open (docs/contracts.md §6.4): the payer
 * owes {@code rate} micro-tokens per {@code unit} bytes the payee relayed for it ({@code
 * relay.up} plus {@code relay.down}, the pair's cumulative meter of §5) beyond {@code from},
 * the payer's reading when it opened the channel. Amounts are computed from the cumulative
 * reading and rounded down, so the fraction of a micro-token not yet paid is carried into
 * the next proof: no dust is lost. Immutable.
 *
 * @param rate micro-tokens per unit, {@code > 0}
 * @param unit bytes per unit, {@code > 0}
 * @param from the payer's cumulative relay reading for the payee at the open, {@code >= 0}
 */
public record RelayPrice(long rate, long unit, long from) {
    public RelayPrice {
        if (rate <= 0 || unit <= 0 || from < 0) {
            throw new ContractException("relay price: need rate > 0, unit > 0, from >= 0, found rate " + rate
                    + ", unit " + unit + ", from " + from);
        }
    }

    /** Cumulative micro-tokens owed for a cumulative relay reading: {@code ⌊(relayed − from) × rate / unit⌋}, 0 below {@code from}. */
    public long due(long relayed) {
        if (relayed <= from) {
            return 0;
        }
        BigInteger owed = BigInteger.valueOf(relayed - from).multiply(BigInteger.valueOf(rate))
                .divide(BigInteger.valueOf(unit));
        return owed.min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact();
    }

    /**
     * The cumulative relay reading that {@code paid} micro-tokens cover, the inverse of {@link
     * #due}: {@code from + ⌊paid × unit / rate⌋} (capped at {@code Long.MAX_VALUE}), so {@code
     * due(covered(paid)) ≤ paid}.
     */
    public long covered(long paid) {
        BigInteger bought = BigInteger.valueOf(paid).multiply(BigInteger.valueOf(unit)).divide(BigInteger.valueOf(rate))
                .add(BigInteger.valueOf(from));
        return bought.min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact();
    }

    /**
     * True if {@code paid} is what the bytes within tolerance of the payee's own reading
     * {@code metered} are worth, capped at the channel's {@code deposit}: {@code min(due(metered
     * − t), deposit) ≤ paid ≤ min(due(metered + t), deposit)}, {@code t =
     * tolerance.around(metered)} (§4.3). A proof of the whole deposit is thus never too low.
     */
    public boolean allows(long paid, long metered, Tolerance tolerance, long deposit) {
        long t = tolerance.around(metered);
        return paid >= Math.min(due(Math.max(0, metered - t)), deposit)
                && paid <= Math.min(due(saturatedSum(metered, t)), deposit);
    }

    /**
     * True if this price pays at least {@code perMegabyte} micro-tokens per 1,000,000 bytes
     * (the price a payee asks in its hellos): {@code rate × 1,000,000 ≥ perMegabyte × unit}.
     */
    public boolean atLeast(long perMegabyte) {
        return BigInteger.valueOf(rate).multiply(BigInteger.valueOf(1_000_000))
                .compareTo(BigInteger.valueOf(perMegabyte).multiply(BigInteger.valueOf(unit))) >= 0;
    }

    /** True if the payer's starting reading is not above the payee's own reading {@code metered} beyond tolerance. */
    public boolean startsWithin(long metered, Tolerance tolerance) {
        return from <= saturatedSum(metered, tolerance.around(metered));
    }

    private static long saturatedSum(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    CborValue toCbor() {
        return new CborValue.Array(List.of(new CborValue.Int(rate), new CborValue.Int(unit), new CborValue.Int(from)));
    }

    /**
     * Reads field 5 of an open payload {@code [rate, unit, from]}.
     *
     * @throws ContractException naming what breaks docs/contracts.md §6.4
     */
    static RelayPrice fromCbor(CborValue value, String document) {
        String what = document + ": field 5 (relay price)";
        List<CborValue> items = CborFields.array(value, what, 3);
        return new RelayPrice(CborFields.uintItem(items.get(0), what), CborFields.uintItem(items.get(1), what),
                CborFields.uintItem(items.get(2), what));
    }
}
