package io.smartshare.ledger.record;

import io.smartshare.ledger.cbor.CborWriter;
import io.smartshare.ledger.cbor.CborReader;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import java.util.Objects;

/** An event about a key, e.g. the log key's inception; the key is a valid Ed25519 point. */
public record KeyEvent(Kind kind, Ed25519PublicKey key) implements RecordBody {
    /** The type code of this body. */
    public static final int TYPE = 4;

    /** What happened to the key. */
    public enum Kind {
        INCEPTION(1), ROTATION_ANNOUNCED(2), REVOCATION(3);

        private final int code;

        Kind(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        static Kind of(long code) {
            for (Kind k : values()) {
                if (k.code == code) {
                    return k;
                }
            }
            throw new RecordException("key event: field kind: expected 1..3, found " + code);
        }
    }

    public KeyEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
    }

    @Override
    public int typeCode() {
        return TYPE;
    }

    @Override
    public void write(CborWriter w) {
        w.writeMapHeader(2).writeUint(0).writeUint(kind.code()).writeUint(1).writeBytes(key.encoded());
    }

    static KeyEvent read(CborReader reader) {
        Fields f = Fields.of(reader, "key event", 2);
        return new KeyEvent(Kind.of(f.uint("kind")), f.publicKey("key"));
    }
}
