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
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A private key kept in a file of three text lines (a header naming the format, the private
 * key and the public key in base64), as {@link KeyFile} and {@link TunnelKeyFile} keep theirs.
 * Loading refuses, with an {@link IdentityException} that says what to fix, a file that is a
 * symbolic link, not a regular file, not the node's user's, or open to group or others, and a
 * file whose public key does not match its private key. Creating never replaces a file: a
 * fully written and synced temporary file (mode 0600) is linked into place only where none
 * exists.
 */
final class SecretKeyFile {
    private final String header;
    private final int privateLength;
    private final int publicLength;
    private final UnaryOperator<byte[]> publicOf;
    private final String whenDamaged;

    /**
     * @param publicOf the public key of a private key
     * @param whenDamaged what the error about a damaged file tells the operator to do
     */
    SecretKeyFile(String header, int privateLength, int publicLength, UnaryOperator<byte[]> publicOf,
            String whenDamaged) {
        this.header = header;
        this.privateLength = privateLength;
        this.publicLength = publicLength;
        this.publicOf = publicOf;
        this.whenDamaged = whenDamaged;
    }

    /** The private key stored at {@code file}, or a new one from {@code generate}, stored there first. */
    byte[] loadOrCreate(Path file, Supplier<byte[]> generate) {
        Optional<byte[]> existing = loadIfPresent(file);
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] created = generate.get();
        try {
            store(file, created);
            return created;
        } catch (FileAlreadyExistsException raced) {
            Arrays.fill(created, (byte) 0);
            return load(file);
        } catch (IOException e) {
            throw new IdentityException("key file " + file + ": cannot create: " + e.getMessage(), e);
        }
    }

    /** The private key stored at {@code file}. */
    byte[] load(Path file) {
        return loadIfPresent(file).orElseThrow(() -> new IdentityException("key file " + file + ": does not exist"));
    }

    private Optional<byte[]> loadIfPresent(Path file) {
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
        if (lines.isEmpty() || !lines.get(0).equals(header)) {
            throw damaged(file, 1, "expected header '" + header + "'");
        }
        if (lines.size() != 3) {
            throw damaged(file, lines.size() + 1, "expected 3 lines, found " + lines.size());
        }
        byte[] privateKey = decode(file, 2, lines.get(1), privateLength);
        byte[] publicKey = decode(file, 3, lines.get(2), publicLength);
        if (!Arrays.equals(publicOf.apply(privateKey), publicKey)) {
            Arrays.fill(privateKey, (byte) 0);
            throw damaged(file, 2, "private key does not match the stored public key");
        }
        return Optional.of(privateKey);
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

    private byte[] decode(Path file, int line, String text, int length) {
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

    private IdentityException damaged(Path file, int line, String what) {
        return new IdentityException("key file " + file + ":" + line + ": damaged: " + what + "; " + whenDamaged);
    }

    private void store(Path file, byte[] privateKey) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path temp = dir.resolve(file.getFileName() + ".new");
        Files.deleteIfExists(temp);
        Base64.Encoder b64 = Base64.getEncoder();
        String text = header + "\n" + b64.encodeToString(privateKey) + "\n"
                + b64.encodeToString(publicOf.apply(privateKey)) + "\n";
        try (FileChannel channel = FileChannel.open(temp,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
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
