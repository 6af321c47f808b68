package dev.engram.edm;

/**
 * k-nearest-neighbour search over a fixed set of library vectors, each tagged with its data row.
 * Build once per library, then call {@link #query} from any number of threads (implementations are
 * immutable after construction).
 *
 * <p>Order: candidates are ranked by (squared Euclidean distance, |predRow - libRow|, libRow), so ties
 * resolve to the neighbour closest in time, then the earliest; exactly {@code k} are returned when that many
 * are eligible. A library row with |libRow - predRow| &lt;= exclusionRadius is never a neighbour (radius 0
 * excludes the predicted row itself, the leave-one-out rule); pass a negative radius to exclude nothing.
 */
public interface NeighbourIndex {
    /** Number of library vectors. */
    int size();

    /**
     * Finds up to {@code k} neighbours of {@code query} (length E).
     *
     * @param rows  out: data rows of the neighbours, nearest first (length at least k)
     * @param dist  out: Euclidean distances, ascending (length at least k)
     * @return the number found (k unless fewer vectors are eligible)
     */
    int query(double[] query, int predRow, int exclusionRadius, int k, int[] rows, double[] dist);

    /** True when candidate a ranks strictly before candidate b for the prediction at predRow. */
    static boolean before(double d2a, int rowA, double d2b, int rowB, int predRow) {
        if (d2a != d2b) return d2a < d2b;
        int ta = Math.abs(predRow - rowA), tb = Math.abs(predRow - rowB);
        if (ta != tb) return ta < tb;
        return rowA < rowB;
    }
}
