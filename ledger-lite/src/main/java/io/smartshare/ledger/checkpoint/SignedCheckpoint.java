package io.smartshare.ledger.checkpoint;

import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.merkle.Hash;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A checkpoint with its signature lines: a C2SP signed note (docs/ledger-format.md §5).
 * {@link #parse} checks the syntax only; {@link #isSignedBy} and {@link #isCosignedBy}
 * check signatures. Immutable.
 */
public final class SignedCheckpoint {
    /** Longest note accepted by {@link #parse}, in bytes. */
    public static final int MAX_LENGTH = 8192;
    private static final Pattern SIZE = Pattern.compile("0|[1-9][0-9]{0,18}");
    private static final String COSIGNATURE_PREFIX = "cosignature/v1\ntime ";

    private final Checkpoint checkpoint;
    private final List<NoteSignature> signatures;

    private SignedCheckpoint(Checkpoint checkpoint, List<NoteSignature> signatures) {
        this.checkpoint = checkpoint;
        this.signatures = List.copyOf(signatures);
    }

    /** Signs {@code checkpoint} with the log key {@code identity} under key name {@code checkpoint.origin()}. */
    public static SignedCheckpoint sign(Checkpoint checkpoint, NodeIdentity identity) {
        String name = checkpoint.origin();
        byte[] signature = identity.sign(checkpoint.body());
        return new SignedCheckpoint(checkpoint, List.of(new NoteSignature(name,
                NoteSignature.keyHash(name, NoteSignature.ALGORITHM_ED25519, identity.publicKey().encoded()),
                signature)));
    }

    /**
     * Rebuilds a signed checkpoint from a log signature made elsewhere (e.g. a checkpoint
     * marker). Does not check it; see {@link #isSignedBy}.
     */
    public static SignedCheckpoint of(Checkpoint checkpoint, Ed25519PublicKey logKey, byte[] signature) {
        String name = checkpoint.origin();
        return new SignedCheckpoint(checkpoint, List.of(new NoteSignature(name,
                NoteSignature.keyHash(name, NoteSignature.ALGORITHM_ED25519, logKey.encoded()), signature)));
    }

    public Checkpoint checkpoint() {
        return checkpoint;
    }

    public String origin() {
        return checkpoint.origin();
    }

    public long size() {
        return checkpoint.size();
    }

    public Hash root() {
        return checkpoint.root();
    }

    /** The signature lines, in note order. */
    public List<NoteSignature> signatures() {
        return signatures;
    }

    /** The Ed25519 signature by the log key {@code key} (named as the origin), if present. */
    public Optional<byte[]> logSignature(Ed25519PublicKey key) {
        byte[] keyHash = NoteSignature.keyHash(origin(), NoteSignature.ALGORITHM_ED25519, key.encoded());
        return signatures.stream().filter(s -> s.matches(origin(), keyHash)).findFirst()
                .map(NoteSignature::payload);
    }

    /** True if the note carries a valid signature by log key {@code key} under the origin's name. */
    public boolean isSignedBy(Ed25519PublicKey key) {
        byte[] body = checkpoint.body();
        return logSignature(key).map(sig -> key.verify(body, sig)).orElse(false);
    }

    /**
     * Adds a witness cosignature (C2SP tlog-cosignature, {@code cosignature/v1}) by
     * {@code witness} under {@code name} at {@code timeSeconds}. The caller must have
     * verified the checkpoint (signature and consistency with what it saw before).
     */
    public SignedCheckpoint cosign(String name, NodeIdentity witness, long timeSeconds) {
        byte[] signature = witness.sign(cosignedMessage(timeSeconds));
        byte[] payload = ByteBuffer.allocate(8 + signature.length).putLong(timeSeconds).put(signature).array();
        List<NoteSignature> all = new ArrayList<>(signatures);
        all.add(new NoteSignature(name,
                NoteSignature.keyHash(name, NoteSignature.ALGORITHM_COSIGNATURE_V1, witness.publicKey().encoded()),
                payload));
        return new SignedCheckpoint(checkpoint, all);
    }

    /**
     * This note with the signature lines of {@code other} that it lacks added after its own
     * (gathering witnesses' cosignatures of one checkpoint). Checks no signature.
     *
     * @throws IllegalArgumentException if {@code other} is a note of another checkpoint
     */
    public SignedCheckpoint withSignaturesOf(SignedCheckpoint other) {
        if (!other.checkpoint.equals(checkpoint)) {
            throw new IllegalArgumentException("signatures of " + other.checkpoint + " added to " + checkpoint);
        }
        List<NoteSignature> all = new ArrayList<>(signatures);
        other.signatures.stream().filter(s -> !all.contains(s)).forEach(all::add);
        return new SignedCheckpoint(checkpoint, all);
    }

    /** True if the note carries a valid cosignature by witness {@code key} named {@code name}. */
    public boolean isCosignedBy(String name, Ed25519PublicKey key) {
        byte[] keyHash = NoteSignature.keyHash(name, NoteSignature.ALGORITHM_COSIGNATURE_V1, key.encoded());
        for (NoteSignature s : signatures) {
            byte[] payload = s.payload();
            if (s.matches(name, keyHash) && payload.length == 8 + Ed25519PublicKey.SIGNATURE_LENGTH) {
                long time = ByteBuffer.wrap(payload).getLong();
                if (key.verify(cosignedMessage(time), Arrays.copyOfRange(payload, 8, payload.length))) {
                    return true;
                }
            }
        }
        return false;
    }

    private byte[] cosignedMessage(long timeSeconds) {
        byte[] prefix = (COSIGNATURE_PREFIX + timeSeconds + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = checkpoint.body();
        byte[] out = Arrays.copyOf(prefix, prefix.length + body.length);
        System.arraycopy(body, 0, out, prefix.length, body.length);
        return out;
    }

    /** The note text: body, blank line, signature lines. */
    public String text() {
        StringBuilder out = new StringBuilder(new String(checkpoint.body(), StandardCharsets.UTF_8)).append('\n');
        signatures.forEach(s -> out.append(s.line()));
        return out.toString();
    }

    /** The note text in UTF-8. */
    public byte[] encoded() {
        return text().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Parses a note's syntax: three body lines (origin, decimal size, base64 32-byte root),
     * a blank line, one or more signature lines, each ending in a newline.
     *
     * @throws CheckpointException naming the line at fault
     */
    public static SignedCheckpoint parse(byte[] note) {
        if (note.length > MAX_LENGTH) {
            throw new CheckpointException("checkpoint note: " + note.length + " bytes exceeds " + MAX_LENGTH);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(note)).toString();
        } catch (CharacterCodingException e) {
            throw new CheckpointException("checkpoint note: not valid UTF-8");
        }
        if (!text.endsWith("\n")) {
            throw new CheckpointException("checkpoint note: expected a final newline");
        }
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        if (lines.length < 5 || !lines[3].isEmpty()) {
            throw new CheckpointException("checkpoint note: expected 3 body lines, a blank line and signatures, found "
                    + lines.length + " lines");
        }
        if (!SIZE.matcher(lines[1]).matches()) {
            throw new CheckpointException("checkpoint note line 2: expected a decimal size, found '" + lines[1] + "'");
        }
        byte[] root;
        try {
            root = Base64.getDecoder().decode(lines[2]);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException("checkpoint note line 3: root is not base64: '" + lines[2] + "'");
        }
        if (root.length != Hash.LENGTH || !Base64.getEncoder().encodeToString(root).equals(lines[2])) {
            throw new CheckpointException("checkpoint note line 3: expected canonical base64 of 32 bytes, found '"
                    + lines[2] + "'");
        }
        Checkpoint checkpoint = new Checkpoint(lines[0], Long.parseLong(lines[1]), Hash.of(root));
        List<NoteSignature> signatures = new ArrayList<>();
        for (int i = 4; i < lines.length; i++) {
            signatures.add(parseSignature(i + 1, lines[i]));
        }
        return new SignedCheckpoint(checkpoint, signatures);
    }

    private static NoteSignature parseSignature(int lineNumber, String line) {
        String[] parts = line.split(" ", -1);
        if (parts.length != 3 || !parts[0].equals("\u2014") || parts[1].isEmpty()) {
            throw new CheckpointException("checkpoint note line " + lineNumber
                    + ": expected '\u2014 <name> <base64>', found '" + line + "'");
        }
        byte[] both;
        try {
            both = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException("checkpoint note line " + lineNumber + ": signature is not base64");
        }
        if (both.length < 5) {
            throw new CheckpointException("checkpoint note line " + lineNumber + ": signature too short ("
                    + both.length + " bytes)");
        }
        return new NoteSignature(parts[1], Arrays.copyOf(both, 4), Arrays.copyOfRange(both, 4, both.length));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedCheckpoint s && checkpoint.equals(s.checkpoint) && signatures.equals(s.signatures);
    }

    @Override
    public int hashCode() {
        return Objects.hash(checkpoint, signatures);
    }

    @Override
    public String toString() {
        return "SignedCheckpoint[" + origin() + " size=" + size() + " root=" + root() + "]";
    }
}
