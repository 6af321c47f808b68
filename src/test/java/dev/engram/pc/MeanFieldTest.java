package dev.engram.pc;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.engram.core.Engines;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The mean-field moments of spike-and-slab synapses against Monte-Carlo draws of concrete weights. */
class MeanFieldTest {
    static NDManager manager;

    @BeforeAll static void start() { manager = Engines.newManager(1); }
    @AfterAll static void stop() { manager.close(); }

    static SpikeSlabSynapses layer(NDManager m, SplittableRandom r, int out, int in) { return layer("l", m, r, out, in); }

    static SpikeSlabSynapses layer(String name, NDManager m, SplittableRandom r, int out, int in) {
        float[] pi = new float[out * in], mm = new float[out * in], xi = new float[out * in];
        for (int i = 0; i < pi.length; i++) {
            pi[i] = (float) (r.nextDouble() * 0.9);
            mm[i] = (float) (r.nextGaussian() * Math.sqrt(in));
            xi[i] = (float) (r.nextDouble() * 0.5);
        }
        Shape s = new Shape(out, in);
        return new SpikeSlabSynapses(name, m.create(pi, s), m.create(mm, s), m.create(xi, s), 0.99);
    }

    @Test void weightMomentsMatchTheParametrisation() {
        try (NDManager m = manager.newSubManager()) {
            SpikeSlabSynapses l = layer(m, new SplittableRandom(1), 2, 10);
            float[] pi = l.pi().toFloatArray(), mm = l.m().toFloatArray(), xi = l.xi().toFloatArray();
            float[] mean = l.mean().toFloatArray(), var = l.variance().toFloatArray();
            for (int i = 0; i < pi.length; i++) {
                double mu = mm[i] / 10.0, rho = mm[i] * mm[i] / (100.0 * (1 - pi[i])) + xi[i] / 10.0;
                assertEquals(mu, mean[i], 1e-5);
                assertEquals(rho - mu * mu, var[i], 1e-4 * Math.max(1, rho));
            }
        }
    }

    @Test void preActivationMomentsMatchSampling() {
        int out = 6, in = 40, draws = 4000;
        try (NDManager m = manager.newSubManager()) {
            SplittableRandom r = new SplittableRandom(7);
            SpikeSlabSynapses l = layer(m, r, out, in);
            float[] u = new float[in];
            for (int j = 0; j < in; j++) u[j] = (float) Math.abs(r.nextGaussian()); // relu-like, non-negative inputs
            NDArray x = m.create(u, new Shape(1, in));
            float[] mf = RecurrentNet.meanPart(x, l.mean()).toFloatArray();
            float[] vf = RecurrentNet.varPart(x, l.variance()).toFloatArray();
            double[] s1 = new double[out], s2 = new double[out];
            double[][] z = new double[draws][out];
            for (int k = 0; k < draws; k++) {
                try (NDManager d = m.newSubManager()) {
                    float[] a = RecurrentNet.meanPart(x, l.sample(d, r)).toFloatArray();
                    for (int i = 0; i < out; i++) {
                        z[k][i] = a[i];
                        s1[i] += a[i];
                    }
                }
            }
            for (int i = 0; i < out; i++) {
                double mean = s1[i] / draws;
                for (int k = 0; k < draws; k++) s2[i] += (z[k][i] - mean) * (z[k][i] - mean);
                double var = s2[i] / (draws - 1), m4 = 0;
                for (int k = 0; k < draws; k++) m4 += Math.pow(z[k][i] - mean, 4);
                m4 /= draws;
                // standard errors of the sample mean and of the sample variance (uses the 4th moment: slabs are not Gaussian)
                double seMean = Math.sqrt(vf[i] / draws), seVar = Math.sqrt(Math.max(m4 - var * var, 0) / draws);
                assertEquals(mf[i], mean, 4.5 * seMean, "mean of unit " + i);
                assertEquals(vf[i], var, 4.5 * seVar, "variance of unit " + i);
                assertTrue(vf[i] > 0.05 * mf[i] * mf[i] || vf[i] > 1e-3, "the test needs visible variance");
            }
        }
    }

    @Test void clippingKeepsPiAndXiInTheirDomain() {
        try (NDManager m = manager.newSubManager()) {
            Shape s = new Shape(1, 3);
            SpikeSlabSynapses l = new SpikeSlabSynapses("l", m.create(new float[] {-0.2f, 0.5f, 1.3f}, s),
                    m.create(new float[] {1, 2, 3}, s), m.create(new float[] {-1f, 0.1f, 2f}, s), 0.99);
            l.project();
            assertArrayEquals(new float[] {0f, 0.5f, 0.99f}, l.pi().toFloatArray(), 1e-7f);
            assertArrayEquals(new float[] {0f, 0.1f, 2f}, l.xi().toFloatArray(), 1e-7f);
        }
    }
}
