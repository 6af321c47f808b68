package dev.engram.edm;

/** A bounded max-heap keeping the k best candidates in {@link NeighbourIndex} order; the worst is on top. */
final class NeighbourHeap {
    private final double[] d2;
    private final int[] row;
    private final int predRow;
    private int size;

    NeighbourHeap(int k, int predRow) {
        this.d2 = new double[k];
        this.row = new int[k];
        this.predRow = predRow;
    }

    boolean full() { return size == d2.length; }

    /** Squared distance of the current worst, +inf while not full: farther candidates can be pruned. */
    double bound() { return full() ? d2[0] : Double.POSITIVE_INFINITY; }

    void offer(double dd, int r) {
        if (d2.length == 0) return;
        if (!full()) {
            int i = size++;
            d2[i] = dd;
            row[i] = r;
            siftUp(i);
        } else if (NeighbourIndex.before(dd, r, d2[0], row[0], predRow)) {
            d2[0] = dd;
            row[0] = r;
            siftDown(0);
        }
    }

    private boolean worse(int i, int j) { return NeighbourIndex.before(d2[j], row[j], d2[i], row[i], predRow); }

    private void siftUp(int i) {
        while (i > 0) {
            int p = (i - 1) >>> 1;
            if (!worse(i, p)) break;
            swap(i, p);
            i = p;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int l = 2 * i + 1, r = l + 1, m = i;
            if (l < size && worse(l, m)) m = l;
            if (r < size && worse(r, m)) m = r;
            if (m == i) return;
            swap(i, m);
            i = m;
        }
    }

    private void swap(int i, int j) {
        double t = d2[i]; d2[i] = d2[j]; d2[j] = t;
        int u = row[i]; row[i] = row[j]; row[j] = u;
    }

    /** Empties the heap into rows/dist, nearest first; returns the count. */
    int drainSorted(int[] rowsOut, double[] distOut) {
        int n = size;
        for (int i = n - 1; i >= 0; i--) {
            rowsOut[i] = row[0];
            distOut[i] = Math.sqrt(d2[0]);
            size--;
            if (size > 0) {
                d2[0] = d2[size];
                row[0] = row[size];
                siftDown(0);
            }
        }
        return n;
    }
}
