package io.smartshare.node.testing;

import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.identity.TunnelKeyFile;
import io.smartshare.node.mesh.hello.HelloSigner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/** Reproducible identities for tests: the private key is 32 copies of one byte. */
public final class SeededIdentities {
    private SeededIdentities() {
    }

    /** The 32-byte private key made of {@code seedByte}. */
    public static byte[] seed(int seedByte) {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) seedByte);
        return seed;
    }

    /** The identity whose private key is {@link #seed(int) seed(seedByte)}. */
    public static NodeIdentity identity(int seedByte) {
        return NodeIdentity.fromSeed(seed(seedByte));
    }

    /** Writes the key file (docs/identity.md) of the node with seed {@code seedByte}, mode 0600 as the node demands. */
    public static void writeKeyFile(Path file, int seedByte) throws IOException {
        Base64.Encoder b64 = Base64.getEncoder();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, "smartshare-ed25519-v1\n" + b64.encodeToString(seed(seedByte)) + "\n"
                + b64.encodeToString(identity(seedByte).publicKey().encoded()) + "\n", StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    /** A tunnel (X25519) private key for {@code identity}: SHA-256 of its node id. */
    public static byte[] tunnelPrivate(NodeIdentity identity) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(identity.nodeId().value().getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public half of {@link #tunnelPrivate(NodeIdentity)}. */
    public static byte[] tunnelPublic(NodeIdentity identity) {
        return TunnelKeyFile.publicKeyOf(tunnelPrivate(identity));
    }

    /** A hello signer for {@code identity} with its {@link #tunnelPublic tunnel key}. */
    public static HelloSigner signer(NodeIdentity identity, long firstSequence) {
        return new HelloSigner(identity, tunnelPublic(identity), firstSequence);
    }
}
