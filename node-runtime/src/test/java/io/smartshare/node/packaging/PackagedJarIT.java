package io.smartshare.node.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.node.testing.NodeProcess;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The jar {@code mvn package} builds carries no classes the node never loads (node-runtime's
 * pom: Bouncy Castle's provider, X.509 and post-quantum packages, jsch, JNA's natives for
 * other systems). That the node still starts and verifies its ledger on it is what every IT
 * runs, and {@link ArmJvmIT} on the ARM JVMs.
 */
class PackagedJarIT {
    private static final List<String> NEVER_LOADED = List.of("org/bouncycastle/pqc/", "org/bouncycastle/jcajce/",
            "org/bouncycastle/jce/", "org/bouncycastle/x509/", "org/bouncycastle/cert/", "com/jcraft/",
            "META-INF/versions/9/org/bouncycastle/pqc/", "META-INF/services/java.security.Provider");
    /** JNA's native part for the CPUs the node runs on (docs/vendor-guide.md), and no other. */
    private static final Set<String> JNA_NATIVES = Set.of("linux-aarch64", "linux-arm", "linux-armel", "linux-x86",
            "linux-x86-64");

    @Test
    void theJarHoldsNothingTheNodeNeverLoads() throws Exception {
        try (JarFile jar = new JarFile(NodeProcess.jar().toFile())) {
            List<String> names = jar.stream().map(e -> e.getName()).toList();
            for (String prefix : NEVER_LOADED) {
                assertTrue(names.stream().noneMatch(n -> n.startsWith(prefix)), prefix + " is in the jar");
            }
            Set<String> natives = names.stream().filter(n -> n.matches("com/sun/jna/[a-z0-9-]+/[^/]+\\.(so|a|dll|jnilib)"))
                    .map(n -> n.split("/")[3]).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(new TreeSet<>(JNA_NATIVES), natives);
            assertTrue(names.contains("org/bouncycastle/math/ec/rfc8032/Ed25519.class"));
            System.out.printf("BENCH app-jar-size ours=%.2fMB (informative)%n", Files.size(NodeProcess.jar()) / 1e6);
        }
    }
}
