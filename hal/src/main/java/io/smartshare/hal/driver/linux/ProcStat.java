package io.smartshare.hal.driver.linux;

import io.smartshare.hal.meter.MeterException;

/**
 * The aggregate CPU line of {@code /proc/stat}, in clock ticks. The kernel has added columns
 * over the years (4 in 2.4, 7 in 2.6.0, 8 with steal, 10 with guest and guest_nice); guest
 * time is already counted in user time, so only the first eight columns are summed.
 *
 * @param cores the number of {@code cpuN} lines
 * @param busyTicks ticks not spent idle or waiting for I/O
 * @param totalTicks all ticks
 */
record ProcStat(int cores, long busyTicks, long totalTicks) {
    private static final int MIN_COLUMNS = 4;
    private static final int MAX_SUMMED_COLUMNS = 8;
    private static final int IDLE = 3;
    private static final int IOWAIT = 4;

    static ProcStat parse(String source, String text) throws MeterException {
        int cores = 0;
        long[] columns = null;
        int lineNumber = 0;
        for (String line : text.split("\n")) {
            lineNumber++;
            if (line.startsWith("cpu ")) {
                columns = columns(source, lineNumber, line);
            } else if (line.matches("cpu[0-9]+\\s.*")) {
                cores++;
            }
        }
        if (columns == null) {
            throw new MeterException(source + ": no aggregate 'cpu' line");
        }
        long total = 0;
        for (long column : columns) {
            total += column;
        }
        long idle = columns[IDLE] + (columns.length > IOWAIT ? columns[IOWAIT] : 0);
        return new ProcStat(Math.max(cores, 1), total - idle, total);
    }

    private static long[] columns(String source, int lineNumber, String line) throws MeterException {
        String[] fields = line.trim().split("\\s+");
        int count = Math.min(fields.length - 1, MAX_SUMMED_COLUMNS);
        if (count < MIN_COLUMNS) {
            throw new MeterException(source + ":" + lineNumber + ": expected at least " + MIN_COLUMNS
                    + " tick columns after 'cpu', found " + count);
        }
        long[] columns = new long[count];
        for (int i = 0; i < count; i++) {
            try {
                columns[i] = Long.parseLong(fields[i + 1]);
            } catch (NumberFormatException e) {
                throw new MeterException(source + ":" + lineNumber + ": column " + (i + 1)
                        + " is not a tick count: '" + fields[i + 1] + "'");
            }
        }
        return columns;
    }

    /**
     * User plus system ticks of a process from its {@code /proc/PID/stat}. The command name in
     * parentheses may itself hold spaces and parentheses, so fields are counted from the last
     * {@code ')'}.
     */
    static long processTicks(String source, String text) throws MeterException {
        int close = text.lastIndexOf(')');
        if (close < 0) {
            throw new MeterException(source + ": no ')' closing the command name");
        }
        String[] fields = text.substring(close + 1).trim().split("\\s+");
        // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
        int utime = 14 - 3;
        int stime = 15 - 3;
        if (fields.length <= stime) {
            throw new MeterException(source + ": expected at least 15 fields, found " + (fields.length + 2));
        }
        try {
            return Long.parseLong(fields[utime]) + Long.parseLong(fields[stime]);
        } catch (NumberFormatException e) {
            throw new MeterException(source + ": utime/stime are not tick counts: '" + fields[utime] + "' '"
                    + fields[stime] + "'");
        }
    }
}
