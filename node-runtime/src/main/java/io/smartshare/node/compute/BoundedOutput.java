package io.smartshare.node.compute;

import io.smartshare.contracts.compute.ComputeOutcome;
import java.io.ByteArrayOutputStream;

/** A job's stdout: kept in memory up to a bound; a write beyond it stops the job ({@link ComputeOutcome#OUTPUT_LIMIT}). */
final class BoundedOutput extends ByteArrayOutputStream {
    private final int max;

    BoundedOutput(int max) {
        super(Math.min(max, 4096));
        this.max = max;
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        if (count + len > max) {
            throw new FuelMeter.Stop(ComputeOutcome.OUTPUT_LIMIT);
        }
        super.write(b, off, len);
    }

    @Override
    public synchronized void write(int b) {
        if (count + 1 > max) {
            throw new FuelMeter.Stop(ComputeOutcome.OUTPUT_LIMIT);
        }
        super.write(b);
    }
}
