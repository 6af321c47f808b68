package dev.engram.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.engram.core.Engines;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scalars held by {@link Constants} stay valid through the backward pass even when the garbage collector runs and
 * freed native memory is reused between forward and backward. (With DJL's own {@code x.mul(2.5f)} this same loop
 * gave wrong or infinite gradients in about 1.5% of trials.)
 */
class ConstantsTest {
    @Test void gradientsThroughHeldScalarsSurviveGarbageCollection() throws Exception {
        try (NDManager m = Engines.newManager(1)) {
            Constants c = new Constants(m);
            for (int trial = 0; trial < 100; trial++) {
                try (NDManager sm = m.newSubManager()) {
                    NDArray x = sm.create(new float[] {1f, -2f, 3f});
                    x.setRequiresGradient(true);
                    try (var gc = Engine.getInstance().newGradientCollector()) {
                        NDArray y = x.mul(x).mul(x).mul(c.of(2.5)).add(c.of(1)).sum();   // d/dx = 7.5 x^2
                        System.gc();
                        List<ByteBuffer> reuse = new ArrayList<>();
                        for (int i = 0; i < 2000; i++) {
                            ByteBuffer b = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
                            b.putFloat(0, Float.NaN);
                            reuse.add(b);
                        }
                        gc.backward(y);
                    }
                    assertArrayEquals(new float[] {7.5f, 30f, 67.5f}, x.getGradient().toFloatArray(), 1e-4f, "trial " + trial);
                }
            }
        }
    }
}
