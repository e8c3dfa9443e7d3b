package io.smartshare.hal.sensor;

/**
 * What a reading measures, with the one unit every reading of it is given in. Units are
 * fixed per quantity so that consumers never convert.
 */
public enum Quantity {
    /** Air or chip temperature in degrees Celsius. */
    TEMPERATURE("temperature", "Cel"),
    /** Relative humidity in percent. */
    HUMIDITY("humidity", "%RH"),
    /** Air pressure in hectopascal. */
    PRESSURE("pressure", "hPa");

    private final String label;
    private final String unit;

    Quantity(String label, String unit) {
        this.label = label;
        this.unit = unit;
    }

    /** The lower-case name used in board files and over CoAP, e.g. {@code temperature}. */
    public String label() {
        return label;
    }

    /** The unit, as a UCUM / SenML unit symbol ({@code Cel}, {@code %RH}, {@code hPa}). */
    public String unit() {
        return unit;
    }
}
