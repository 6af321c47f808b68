package dev.engram.pc;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.engram.data.Mnist;
import java.nio.file.Path;
import java.util.function.Function;

/** Sequential MNIST row by row: 28 steps of 28 pixels scaled to [0, 1]; the class is read out at the last step. */
public final class SmnistTask implements PcTask {
    private final Mnist.Split train, test;
    private final int trainSize, testSize;

    public SmnistTask(Path dir, int trainSize, int testSize) {
        this(Mnist.load(dir, true), Mnist.load(dir, false), trainSize, testSize);
    }

    public SmnistTask(Mnist.Split train, Mnist.Split test, int trainSize, int testSize) {
        this.train = train;
        this.test = test;
        this.trainSize = trainSize == 0 ? train.size() : Math.min(trainSize, train.size());
        this.testSize = testSize == 0 ? test.size() : Math.min(testSize, test.size());
    }

    @Override public int inputs() { return train.images().cols(); }
    @Override public int outputs() { return 10; }
    @Override public int trainSize() { return trainSize; }
    @Override public String scoreName() { return "test_accuracy"; }

    @Override public PcTask withTrainSize(int n) { return new SmnistTask(train, test, n, testSize); }

    @Override public SeqBatch trainBatch(NDManager manager, int[] idx) { return batch(manager, train, idx); }

    static SeqBatch batch(NDManager manager, Mnist.Split split, int[] idx) {
        Mnist.Images im = split.images();
        int rows = im.rows(), cols = im.cols(), b = idx.length;
        float[] x = new float[rows * b * cols], y = new float[rows * b * 10], mask = new float[rows * b];
        for (int i = 0; i < b; i++) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) x[(r * b + i) * cols + c] = im.pixel(idx[i], r, c) / 255f;
            }
            y[((rows - 1) * b + i) * 10 + split.label(idx[i])] = 1;
            mask[(rows - 1) * b + i] = 1;
        }
        return new SeqBatch(manager.create(x, new Shape(rows, b, cols)), manager.create(y, new Shape(rows, b, 10)),
                manager.create(mask, new Shape(rows, b, 1)));
    }

    /** Accuracy of the last step's most probable class on the first testSize test images. */
    @Override public double score(NDManager manager, Function<NDArray, NDArray> predictor, long seed) {
        int correct = 0, chunk = 1000;
        for (int start = 0; start < testSize; start += chunk) {
            try (NDManager m = manager.newSubManager()) {
                int n = Math.min(chunk, testSize - start);
                int[] idx = new int[n];
                for (int i = 0; i < n; i++) idx[i] = start + i;
                SeqBatch b = batch(m, test, idx);
                NDArray p = predictor.apply(b.x());
                long[] pred = p.get(p.getShape().get(0) - 1).argMax(-1).toLongArray();
                for (int i = 0; i < n; i++) if (pred[i] == test.label(idx[i])) correct++;
            }
        }
        return (double) correct / testSize;
    }
}
