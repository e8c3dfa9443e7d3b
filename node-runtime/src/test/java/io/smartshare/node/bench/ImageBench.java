package io.smartshare.node.bench;

import static io.smartshare.node.bench.BenchKit.awaitAnswer;
import static io.smartshare.node.bench.BenchKit.bench;
import static io.smartshare.node.bench.BenchKit.freePort;
import static io.smartshare.node.bench.BenchKit.stop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * scripts/bench-image: the size of each image scripts/build-image made (amd64, arm64, armhf),
 * next to Debian's openjdk-17 runtime for that architecture as installed plus the jar, and the
 * start of the node from an image (spawn to first CoAP answer) with the launcher's class-data
 * archive (AppCDS) and without: natively from the amd64 image, and from the arm64 image under
 * qemu-user (emulated: slower than a device, informative).
 *
 * <p>Arguments: the images' directory, the jar, then per architecture ARCH=JDK_HOME (where its
 * Debian JVM is unpacked), the arm64 sysroot, a scratch directory.
 */
public final class ImageBench {
    private static final int ROUNDS = 5;
    private static final int EMULATED_ROUNDS = 3;
    private static final List<String> ARCHES = List.of("amd64", "arm64", "armhf");

    private ImageBench() {
    }

    public static void main(String[] args) throws Exception {
        Path images = Path.of(args[0]);
        Path jar = Path.of(args[1]);
        for (int i = 0; i < ARCHES.size(); i++) {
            String arch = ARCHES.get(i);
            Path jdk = Path.of(args[2 + i].substring(arch.length() + 1));
            long image = bytes(images.resolve("smartshare-node-linux-" + arch), Optional.empty());
            long debian = bytes(jdk, Optional.of(List.of("jmods", "include", "demo", "man"))) + Files.size(jar);
            bench("image-size-" + arch, image / 1e6, debian / 1e6, "MB",
                    arch.equals("arm64") ? "<=40MB unpacked" : "none (arm64's is the budget)");
        }
        Path sysroot = Path.of(args[5]);
        Path scratch = Path.of(args[6]);
        startTimes("amd64", images.resolve("smartshare-node-linux-amd64"), Optional.empty(), scratch, ROUNDS);
        startTimes("arm64-emulated", images.resolve("smartshare-node-linux-arm64"), Optional.of(sysroot), scratch,
                EMULATED_ROUNDS);
    }

    /** Start of the image's node with and without its class-data archive, medians of {@code rounds}. */
    private static void startTimes(String name, Path image, Optional<Path> sysroot, Path scratch, int rounds)
            throws Exception {
        Path classData = Files.createDirectories(scratch.resolve("cds-" + name));
        Optional<Path> java = Optional.empty();
        if (sysroot.isPresent()) {
            Path wrapper = scratch.resolve("java-" + name);
            Files.writeString(wrapper, "#!/bin/sh\nexec qemu-aarch64-static -L '" + sysroot.get() + "' '"
                    + image.resolve("runtime/bin/java") + "' \"$@\"\n");
            wrapper.toFile().setExecutable(true);
            java = Optional.of(wrapper);
        }
        // As on a device: the first start records the classes, the second writes the archive.
        for (int i = 0; i < 2; i++) {
            start(image, java, Optional.of(classData), scratch.resolve(name + "-cds-" + i));
        }
        double with = median(image, java, Optional.of(classData), scratch, name + "-with", rounds);
        double without = median(image, java, Optional.empty(), scratch, name + "-without", rounds);
        bench("image-start-with-class-data-archive-" + name, with, without, "ms",
                "<=1500ms (native; reference: the same image without the archive)");
    }

    private static double median(Path image, Optional<Path> java, Optional<Path> classData, Path scratch, String name,
            int rounds) throws Exception {
        double[] samples = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            samples[i] = start(image, java, classData, scratch.resolve(name + "-" + i));
        }
        Arrays.sort(samples);
        System.out.printf(Locale.ROOT, "start samples (%s): %s%n", name, Arrays.toString(samples));
        return samples[rounds / 2];
    }

    /** Starts the image's node on the sim board; spawn to first answer in ms; stops it. */
    private static double start(Path image, Optional<Path> java, Optional<Path> classData, Path data) throws Exception {
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(image.resolve("bin/smartshare-node").toString(), "run", "--board",
                "sim", "--data-dir", data.toString(), "--coap-port", String.valueOf(port), "--coaps-port", "0")
                .redirectErrorStream(true).redirectOutput(data.resolveSibling(data.getFileName() + ".log").toFile());
        java.ifPresent(j -> builder.environment().put("JAVA", j.toString()));
        builder.environment().put("SMARTSHARE_CDS_DIR", classData.map(Path::toString).orElse(""));
        long start = System.nanoTime();
        Process node = builder.start();
        try {
            awaitAnswer(port);
            return (System.nanoTime() - start) / 1e6;
        } finally {
            stop(node);
        }
    }

    /** Bytes of the regular files under {@code dir}, leaving out top-level folders named in {@code without}. */
    private static long bytes(Path dir, Optional<List<String>> without) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> without.map(w -> !w.contains(dir.relativize(f).getName(0).toString())).orElse(true))
                    .mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
