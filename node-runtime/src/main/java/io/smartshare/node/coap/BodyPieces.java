package io.smartshare.node.coap;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Bodies larger than the node takes in one CoAP exchange (MAX_RESOURCE_BODY_SIZE 8 KiB) travel
 * in pieces: {@code GET …?from=N} answers bytes {@code [N, N + PIECE)}, a shorter piece being the
 * last. The server side slices ({@link #slice}); the client side reads until a short piece
 * ({@link #read}).
 */
public final class BodyPieces {
    /** A whole piece: one CoAP body. */
    public static final int PIECE = 8192;

    private BodyPieces() {
    }

    /** Where a client gets the piece from byte {@code from}. */
    @FunctionalInterface
    public interface Source<E extends Exception> {
        byte[] piece(long from) throws E;
    }

    /**
     * Reads a whole body from {@code source}, piece after piece.
     *
     * @throws E from the source, or {@code tooLong}'s if the body grows past {@code maxBytes}
     */
    public static <E extends Exception> byte[] read(Source<E> source, int maxBytes, Supplier<E> tooLong) throws E {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            byte[] piece = source.piece(out.size());
            if (out.size() + piece.length > maxBytes) {
                throw tooLong.get();
            }
            out.writeBytes(piece);
            if (piece.length < PIECE) {
                return out.toByteArray();
            }
        }
    }

    /**
     * The piece of {@code all} from byte {@code from}.
     *
     * @throws IllegalArgumentException if {@code from} is beyond its end
     */
    public static byte[] slice(byte[] all, long from) {
        if (from > all.length) {
            throw new IllegalArgumentException("from " + from + " is beyond the " + all.length + " bytes");
        }
        return Arrays.copyOfRange(all, (int) from, (int) Math.min(all.length, from + PIECE));
    }
}
