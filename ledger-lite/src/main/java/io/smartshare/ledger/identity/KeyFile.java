package io.smartshare.ledger.identity;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The node's key file: three text lines,
 * <pre>
 * smartshare-ed25519-v1
 * &lt;base64 of the 32-byte private key&gt;
 * &lt;base64 of the 32-byte public key&gt;
 * </pre>
 * created with mode 0600. The public key line lets a damaged private key be detected
 * rather than silently turned into a different identity.
 *
 * <p>As ssh demands of private keys, an existing file is used only if it is a regular file
 * (not a symbolic link), owned by the user the node runs as, and readable and writable by
 * that user alone (no group or other permission bits); anything else is refused with an
 * {@link IdentityException} that says what to fix, and the file is left as it is.
 *
 * <p>An existing file is never replaced: {@link #loadOrCreate} creates a key only where no
 * file exists, by linking a fully written and synced temporary file into place.
 */
public final class KeyFile {
    static final String HEADER = "smartshare-ed25519-v1";

    private KeyFile() {
    }

    /**
     * Loads the identity stored at {@code file}, or creates, stores and returns a new one
     * if no file exists there.
     *
     * @throws IdentityException if the file exists but cannot be read or is damaged, or a
     *     new one cannot be written
     */
    public static NodeIdentity loadOrCreate(Path file, SecureRandom random) {
        Optional<NodeIdentity> existing = loadIfPresent(file);
        if (existing.isPresent()) {
            return existing.get();
        }
        NodeIdentity created = NodeIdentity.generate(random);
        try {
            store(file, created);
            return created;
        } catch (FileAlreadyExistsException raced) {
            return load(file);
        } catch (IOException e) {
            throw new IdentityException("key file " + file + ": cannot create: " + e.getMessage(), e);
        }
    }

    /**
     * Loads the identity stored at {@code file}.
     *
     * @throws IdentityException if it is missing, unreadable or damaged
     */
    public static NodeIdentity load(Path file) {
        return loadIfPresent(file).orElseThrow(() -> new IdentityException("key file " + file + ": does not exist"));
    }

    private static Optional<NodeIdentity> loadIfPresent(Path file) {
        List<String> lines;
        try {
            checkOwnership(file, Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                lines = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().toList();
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IdentityException("key file " + file + ": cannot read: " + e.getMessage(), e);
        }
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw damaged(file, 1, "expected header '" + HEADER + "'");
        }
        if (lines.size() != 3) {
            throw damaged(file, lines.size() + 1, "expected 3 lines, found " + lines.size());
        }
        byte[] seed = decode(file, 2, lines.get(1), NodeIdentity.SEED_LENGTH);
        byte[] publicKey = decode(file, 3, lines.get(2), Ed25519PublicKey.LENGTH);
        NodeIdentity identity = NodeIdentity.fromSeed(seed);
        Arrays.fill(seed, (byte) 0);
        if (!Arrays.equals(identity.publicKey().encoded(), publicKey)) {
            throw damaged(file, 2, "private key does not match the stored public key");
        }
        return Optional.of(identity);
    }

    /** Refuses a key file that is a link, not a regular file, someone else's, or open to others. */
    private static void checkOwnership(Path file, PosixFileAttributes attributes) {
        String refusal = "key file " + file + ": ";
        if (attributes.isSymbolicLink()) {
            throw new IdentityException(refusal + "is a symbolic link; the node's key must be a regular file"
                    + " (replace the link with the key file itself, mode 0600)");
        }
        if (!attributes.isRegularFile()) {
            throw new IdentityException(refusal + "is not a regular file");
        }
        String user = System.getProperty("user.name");
        if (!attributes.owner().getName().equals(user)) {
            throw new IdentityException(refusal + "is owned by " + attributes.owner().getName()
                    + ", expected the node's user " + user + " (chown " + user + " " + file + ")");
        }
        Set<PosixFilePermission> open = EnumSet.noneOf(PosixFilePermission.class);
        open.addAll(attributes.permissions());
        open.removeAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE));
        if (!open.isEmpty()) {
            throw new IdentityException(refusal + "mode " + PosixFilePermissions.toString(attributes.permissions())
                    + " lets others at the private key; expected rw------- (chmod 600 " + file + ")");
        }
    }

    private static byte[] decode(Path file, int line, String text, int length) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw damaged(file, line, "not base64");
        }
        if (bytes.length != length) {
            throw damaged(file, line, "expected " + length + " bytes, found " + bytes.length);
        }
        return bytes;
    }

    private static IdentityException damaged(Path file, int line, String what) {
        return new IdentityException("key file " + file + ":" + line + ": damaged: " + what
                + "; refusing to start with a different identity (restore the file from a backup)");
    }

    private static void store(Path file, NodeIdentity identity) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path temp = dir.resolve(file.getFileName() + ".new");
        Files.deleteIfExists(temp);
        Base64.Encoder b64 = Base64.getEncoder();
        byte[] seed = identity.seed();
        String text = HEADER + "\n" + b64.encodeToString(seed) + "\n"
                + b64.encodeToString(identity.publicKey().encoded()) + "\n";
        Arrays.fill(seed, (byte) 0);
        try (FileChannel channel = FileChannel.open(temp,
                java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        try {
            Files.createLink(file, temp);
        } finally {
            Files.delete(temp);
        }
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        }
    }
}
