package dev.raworc.bench;

import java.util.Locale;

/** One line of the results: a figure of Raworc beside the machine's limit measured in the same run. */
record Row(String measure, double figure, String unit, String limit, double limitFigure) {

    String ratio() {
        if (Double.isNaN(limitFigure) || limitFigure == 0 || Double.isNaN(figure)) {
            return "";
        }
        return String.format(Locale.ROOT, "%.2f", figure / limitFigure);
    }

    String markdown() {
        return String.format(Locale.ROOT, "| %s | %s %s | %s | %s %s | %s |", measure, format(figure), unit, limit,
                Double.isNaN(limitFigure) ? "" : format(limitFigure), Double.isNaN(limitFigure) ? "" : unit, ratio());
    }

    private static String format(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
