package dev.engram.report;

import dev.engram.core.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * An HTML report with PNG charts beside it: sections, paragraphs, tables, preformatted text and line charts.
 * {@link #write} puts report.html and the charts into a folder, each file atomically.
 */
public final class Report {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private final String title;
    private final StringBuilder body = new StringBuilder();
    private final Map<String, org.knowm.xchart.internal.chartpart.Chart<?, ?>> charts = new LinkedHashMap<>();

    public Report(String title) { this.title = title; }

    public Report section(String heading) {
        body.append("<h2>").append(esc(heading)).append("</h2>\n");
        return this;
    }

    public Report paragraph(String text) {
        body.append("<p>").append(esc(text)).append("</p>\n");
        return this;
    }

    public Report pre(String text) {
        body.append("<pre>").append(esc(text)).append("</pre>\n");
        return this;
    }

    public Report table(List<String> header, List<List<?>> rows) {
        body.append("<table>");
        if (!header.isEmpty()) {
            body.append("<tr>");
            header.forEach(h -> body.append("<th>").append(esc(h)).append("</th>"));
            body.append("</tr>\n");
        }
        for (List<?> r : rows) {
            body.append("<tr>");
            r.forEach(c -> body.append("<td>").append(esc(format(c))).append("</td>"));
            body.append("</tr>\n");
        }
        body.append("</table>\n");
        return this;
    }

    /** Key-value rows. */
    public Report facts(Map<String, ?> facts) {
        List<List<?>> rows = new java.util.ArrayList<>();
        facts.forEach((k, v) -> rows.add(List.of(k, v)));
        return table(List.of(), rows);
    }

    /** A line chart of named series, each given as {x[], y[]}; written as NAME.png. */
    public Report lineChart(String name, String chartTitle, String xLabel, String yLabel, Map<String, double[][]> series) {
        XYChart chart = new XYChartBuilder().width(760).height(400).title(chartTitle).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        for (var e : series.entrySet()) {
            if (e.getValue()[0].length == 0) continue;
            XYSeries s = chart.addSeries(e.getKey(), e.getValue()[0], e.getValue()[1]);
            s.setMarker(e.getValue()[0].length > 40 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
            s.setLineStyle(new BasicStroke(1.6f));
        }
        double minX = series.values().stream().filter(v -> v[0].length > 0)
                .mapToDouble(v -> java.util.Arrays.stream(v[0]).min().orElse(0)).min().orElse(0);
        double maxX = series.values().stream().filter(v -> v[0].length > 0)
                .mapToDouble(v -> java.util.Arrays.stream(v[0]).max().orElse(0)).max().orElse(0);
        if (minX >= 0 && minX <= 1 && maxX > 10) { // round ticks from 0 to a round number rather than from the first step
            chart.getStyler().setXAxisMin(0.0).setXAxisMax(niceCeiling(maxX));
            chart.getStyler().setXAxisTickMarkSpacingHint(70);
        }
        charts.put(name + ".png", chart);
        body.append("<figure><img src=\"").append(esc(name)).append(".png\" alt=\"").append(esc(chartTitle))
                .append("\"><figcaption>").append(esc(chartTitle)).append("</figcaption></figure>\n");
        return this;
    }

    /** An image already written beside the report, by its path relative to the report's folder. */
    public Report image(String relativePath, String caption) {
        body.append("<figure><img src=\"").append(esc(relativePath)).append("\" alt=\"").append(esc(caption))
                .append("\"><figcaption>").append(esc(caption)).append("</figcaption></figure>\n");
        return this;
    }

    /**
     * A heatmap of values[row][col] (e.g. a confusion matrix or a brain slice), columns labelled xs, rows ys;
     * written as NAME.png. NaN cells are drawn as 0.
     */
    public Report heatmap(String name, String chartTitle, String xLabel, String yLabel, List<?> xs, List<?> ys,
                          double[][] values, boolean showValues) {
        org.knowm.xchart.HeatMapChart chart = new org.knowm.xchart.HeatMapChartBuilder().width(760).height(520)
                .title(chartTitle).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setShowValue(showValues);
        chart.getStyler().setLegendVisible(true);
        List<Number[]> cells = new java.util.ArrayList<>();
        for (int r = 0; r < ys.size(); r++)
            for (int c = 0; c < xs.size(); c++) cells.add(new Number[] {c, r, Double.isNaN(values[r][c]) ? 0.0 : values[r][c]});
        chart.addSeries(chartTitle, xs, ys, cells);
        charts.put(name + ".png", chart);
        body.append("<figure><img src=\"").append(esc(name)).append(".png\" alt=\"").append(esc(chartTitle))
                .append("\"><figcaption>").append(esc(chartTitle)).append("</figcaption></figure>\n");
        return this;
    }

    /** Writes report.html and its charts into {@code dir}; returns the report's path. */
    public Path write(Path dir) {
        for (var e : charts.entrySet()) {
            try {
                byte[] png = BitmapEncoder.getBitmapBytes(e.getValue(), BitmapEncoder.BitmapFormat.PNG);
                AtomicFiles.write(dir.resolve(e.getKey()), png);
            } catch (IOException ex) {
                throw new UncheckedIOException("cannot draw chart " + e.getKey(), ex);
            }
        }
        String html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title) + "</title>\n<style>"
                + "body{font-family:system-ui,sans-serif;max-width:900px;margin:2em auto;color:#222;line-height:1.45}"
                + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 10px;text-align:left}"
                + "th{background:#f3f3f3}pre{background:#f7f7f7;padding:1em;white-space:pre-wrap;border-radius:4px}"
                + "figure{margin:1em 0}img{max-width:100%}figcaption{color:#666;font-size:90%}</style></head><body>\n"
                + "<h1>" + esc(title) + "</h1>\n<p class=\"meta\">Written by Engram on "
                + ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME) + "</p>\n" + body + "</body></html>\n";
        Path out = dir.resolve("report.html");
        AtomicFiles.write(out, html.getBytes(StandardCharsets.UTF_8));
        return out;
    }

    /** The smallest round number (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 x 10^k) that is >= x. */
    static double niceCeiling(double x) {
        double p = Math.pow(10, Math.floor(Math.log10(x)));
        for (double m : new double[] {1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) if (m * p >= x) return m * p;
        return 10 * p;
    }

    static String format(Object o) {
        if (o instanceof Double d) return Double.isNaN(d) ? "NaN" : Math.abs(d) >= 1e5 || (Math.abs(d) < 1e-3 && d != 0)
                ? String.format(Locale.ROOT, "%.3e", d) : String.format(Locale.ROOT, "%.4f", d);
        if (o instanceof Float f) return format((double) f);
        return String.valueOf(o);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

}
