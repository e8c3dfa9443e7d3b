package io.smartshare.ledger.verify;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads segment files into {@link ReadStep}s on its own thread ({@code ledger-verify-read}),
 * ahead of the thread that checks them: reading, CRC, decoding and leaf hashing on one core,
 * the chain, tree and signature checks on another. Steps travel in chunks of
 * {@value #CHUNK_STEPS} through a queue of {@value #QUEUE_CHUNKS} chunks, so read-ahead holds at
 * most about a megabyte of 100-byte records. {@link #close()} stops the thread.
 */
final class ReadAhead implements AutoCloseable {
    static final int CHUNK_STEPS = 512;
    static final int QUEUE_CHUNKS = 4;

    /** Steps in order; the last chunk is {@code last} or carries the read failure. */
    private record Chunk(List<ReadStep> steps, boolean last, Optional<IOException> failure) {
    }

    private final List<Path> segments;
    private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(QUEUE_CHUNKS);
    private final Thread thread;
    private List<ReadStep> filling = new ArrayList<>(CHUNK_STEPS);

    private ReadAhead(List<Path> segments) {
        this.segments = List.copyOf(segments);
        this.thread = new Thread(this::run, "ledger-verify-read");
        thread.setDaemon(true);
    }

    /** Starts reading {@code segments} in order. */
    static ReadAhead start(List<Path> segments) {
        ReadAhead ahead = new ReadAhead(segments);
        ahead.thread.start();
        return ahead;
    }

    /**
     * Hands every step read, in order, to {@code sink} until the sink asks to stop or the
     * segments are read.
     *
     * @throws IOException if reading a segment failed (after the steps read before it)
     */
    void feed(SegmentSteps.Sink sink) throws IOException {
        try {
            while (true) {
                Chunk chunk = queue.take();
                for (ReadStep step : chunk.steps()) {
                    if (!sink.accept(step)) {
                        return;
                    }
                }
                if (chunk.failure().isPresent()) {
                    throw chunk.failure().get();
                }
                if (chunk.last()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while verifying " + segments);
        }
    }

    private void run() {
        try {
            for (Path segment : segments) {
                try (InputStream in = new BufferedInputStream(Files.newInputStream(segment), 1 << 16)) {
                    SegmentSteps.read(in, this::add);
                }
            }
            queue.put(new Chunk(filling, true, Optional.empty()));
        } catch (IOException e) {
            if (!Thread.currentThread().isInterrupted()) {
                putQuietly(new Chunk(filling, false, Optional.of(e)));
            }
        } catch (InterruptedException e) {
            // closed by the checking thread: nobody reads the queue any more
        }
    }

    private boolean add(ReadStep step) throws InterruptedException {
        filling.add(step);
        if (filling.size() == CHUNK_STEPS) {
            queue.put(new Chunk(filling, false, Optional.empty()));
            filling = new ArrayList<>(CHUNK_STEPS);
        }
        return true;
    }

    private void putQuietly(Chunk chunk) {
        try {
            queue.put(chunk);
        } catch (InterruptedException e) {
            // closed by the checking thread: nobody reads the queue any more
        }
    }

    /** Stops the reading thread and waits for it. */
    @Override
    public void close() {
        thread.interrupt();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
