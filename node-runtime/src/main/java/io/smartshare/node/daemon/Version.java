package io.smartshare.node.daemon;

/** The version of the running artifact, from its jar manifest; {@code dev} when run from classes. */
public final class Version {
    private Version() {
    }

    public static String current() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
