package io.smartshare.ledger.storage;

import io.smartshare.ledger.Ledger;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.record.MeteringSample;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Semaphore;

/**
 * The process {@link CrashIT} kills: opens the log in {@code args[0]}, prints {@code READY},
 * then appends forever, printing {@code ACK <seq> <quantity>} for each acknowledged record.
 */
public final class CrashChild {
    static final String SEED = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    static final LogOptions OPTIONS = LogOptions.defaults().withCheckpoints(50, Duration.ofMillis(200))
            .withSegmentBytes(64 * 1024).withGroupCommit(64, Duration.ZERO);

    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long base = Long.parseLong(args[1]);
        PrintStream out = new PrintStream(System.out, false, "US-ASCII");
        Ledger ledger = LedgerFiles.open(dir, NodeIdentity.fromSeed(HexFormat.of().parseHex(SEED)), OPTIONS);
        out.println("READY " + ledger.size());
        out.flush();
        Semaphore inFlight = new Semaphore(32);
        for (long i = 0; ; i++) {
            inFlight.acquire();
            long quantity = base + i;
            ledger.append(new MeteringSample("crash", quantity, "B", 1)).whenComplete((record, failure) -> {
                if (failure == null) {
                    synchronized (out) {
                        out.println("ACK " + record.seq() + " " + quantity);
                        out.flush();
                    }
                }
                inFlight.release();
            });
        }
    }
}
