package io.smartshare.hal.board;

import java.util.regex.Pattern;

/**
 * One IP interface (or a family of them, by glob) that the node meters and may share.
 *
 * @param name interface name as the kernel shows it ({@code eth0}, {@code br-lan}); may hold
 *     the globs {@code *} and {@code ?} (e.g. {@code en*}) for boards whose names vary
 * @param role what the interface is for on this board
 */
public record LinkSpec(String name, Role role) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:@*?-]{1,15}");

    /** What an interface is for. */
    public enum Role {
        /** The uplink towards the internet; its bandwidth is what the node shares. */
        WAN,
        /** The local side (a bridge or a wired port) where neighbours and clients sit. */
        LAN,
        /** A link used only for the device mesh (ad-hoc Wi-Fi, a mesh point). */
        MESH
    }

    public LinkSpec {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("interface name must be 1-15 characters of letters, digits, "
                    + "'_.:@-' and the globs '*?', found '" + name + "'");
        }
    }

    /** True if {@code name} contains a glob. */
    public boolean isPattern() {
        return name.indexOf('*') >= 0 || name.indexOf('?') >= 0;
    }

    /** True if the kernel interface {@code interfaceName} is covered by this entry. */
    public boolean matches(String interfaceName) {
        return globToRegex(name).matcher(interfaceName).matches();
    }

    private static Pattern globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
