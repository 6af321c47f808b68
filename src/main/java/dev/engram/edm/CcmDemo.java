package dev.engram.edm;

import dev.engram.core.UserError;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The tour's CCM demonstration (Sugihara et al. 2012, Fig. 3): coupled logistic maps with rx 3.8, ry 3.5,
 * bxy 0.02, byx 0.1. x drives y strongly, so y's manifold recovers x (y:x rises to a high plateau as the
 * library grows) while x:y stays low. Runs in well under a second.
 */
public final class CcmDemo {
    private CcmDemo() {}

    /**
     * @param convergence LibSize, x:y, y:x (means over the random libraries)
     * @param csv         the table as CSV
     * @param chart       PNG of skill against library size
     * @param xDrivesY    true when y:x ends above x:y and grew with the library (the planted direction)
     */
    public record Result(Table convergence, Path csv, Path chart, boolean xDrivesY) {}

    public static Result run(Path outDir) {
        System.setProperty("java.awt.headless", "true");
        double[][] xy = Systems.coupledLogistic(1000, 3.8, 3.5, 0.02, 0.1);
        CcmConfig c = CcmConfig.builder().E(2).tau(-1).Tp(0).knn(0).exclusionRadius(0).libSizes(CcmConfig.parseLibSizes("10,400,30"))
                .sample(30).seed(1).sequential(false).build();
        CcmResult r = Ccm.run(xy[0], xy[1], "x", "y", c, "coupled logistic maps");
        Table t = r.table();
        double[] xOnY = t.column("x:y"), yOnX = t.column("y:x");
        int last = yOnX.length - 1;
        boolean planted = yOnX[last] > xOnY[last] + 0.2 && yOnX[last] > yOnX[0] + 0.2;
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new UserError(outDir + ": cannot create the output directory (" + e.getMessage() + ").", e);
        }
        Path csv = outDir.resolve("ccm_logistic.csv");
        t.write(csv);
        Path png = outDir.resolve("ccm_logistic.png");
        XYChart chart = new XYChartBuilder().width(720).height(440)
                .title("CCM, coupled logistic maps (x drives y: byx 0.1 > bxy 0.02)")
                .xAxisTitle("library size L").yAxisTitle("cross-map skill rho").build();
        chart.getStyler().setYAxisMin(-0.1).setYAxisMax(1.0);
        double[] L = t.column("LibSize");
        chart.addSeries("y:x  (y's manifold estimates x: x -> y)", L, yOnX).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.addSeries("x:y  (x's manifold estimates y: y -> x)", L, xOnY).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        try {
            BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UserError(png + ": cannot write the chart (" + e.getMessage() + ").", e);
        }
        return new Result(t, csv, png, planted);
    }
}
