package io.smartshare.hal.board;

/**
 * A Wi-Fi radio of the board, by the interface the kernel gives it.
 *
 * @param interfaceName e.g. {@code wlan0}, {@code phy0-ap0}
 * @param band the band it serves
 */
public record WifiSpec(String interfaceName, Band band) {
    /** Wi-Fi bands. */
    public enum Band {
        GHZ_2_4("2.4ghz"),
        GHZ_5("5ghz"),
        GHZ_6("6ghz");

        private final String label;

        Band(String label) {
            this.label = label;
        }

        /** The spelling used in board files, e.g. {@code 2.4ghz}. */
        public String label() {
            return label;
        }
    }
}
