package dev.engram.brain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import dev.engram.core.UserError;
import dev.engram.nn.Constants;
import dev.engram.nn.TransformerLM;
import dev.engram.train.Batch;
import dev.engram.train.LanguageModel;
import dev.engram.train.Mechanism;
import dev.engram.train.MechanismSpec;
import dev.engram.train.Trainable;
import dev.engram.train.TrainingContext;
import dev.engram.train.TrainingListener;

/**
 * Fine-tuning toward the brain (Caucheteux et al. 2023, last experiment): adds to the next-token loss a term
 * that makes the last block's state at token t predict a deeper layer's representation at token t + distance:
 * weight * mean over positions of || z(h_last[t]) - stopgrad(z(h_layer[t + distance])) ||^2 / dim, where z
 * standardizes each vector (zero mean, unit variance across its dims) so the term is scale-free. No head is
 * added: the model's own final state carries the forecast. Distances are counted in tokens during training
 * (the corpus has no word alignment); with GPT-2's BPE a token is ~0.75 word. The mechanism "forecast".
 */
public final class ForecastObjective implements TrainingListener {
    /**
     * @param layer    hidden state used as the target (1 = after block 1 ... n_layer)
     * @param distance how many tokens ahead the target lies (>= 1)
     * @param weight   factor on the extra loss term (> 0)
     */
    public record Spec(int layer, int distance, double weight) {
        public Spec {
            if (layer < 1) throw new IllegalArgumentException("--forecast-objective layer must be >= 1 (a block's output), got " + layer);
            if (distance < 1) throw new IllegalArgumentException("--forecast-objective distance must be >= 1, got " + distance);
            if (!(weight > 0) || Double.isInfinite(weight)) throw new IllegalArgumentException("--forecast-objective weight must be positive, got " + weight);
        }

        /** "layer=8,distance=8,weight=0.5". */
        public static Spec parse(String s) {
            Integer layer = null, distance = null;
            Double weight = null;
            for (String kv : s.split(",")) {
                String[] p = kv.split("=", 2);
                if (p.length != 2) throw new IllegalArgumentException("--forecast-objective '" + s + "': expected layer=L,distance=D,weight=W");
                try {
                    switch (p[0].strip()) {
                        case "layer" -> layer = Integer.parseInt(p[1].strip());
                        case "distance" -> distance = Integer.parseInt(p[1].strip());
                        case "weight" -> weight = Double.parseDouble(p[1].strip());
                        default -> throw new IllegalArgumentException("--forecast-objective: unknown field '" + p[0] + "' (layer, distance, weight)");
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--forecast-objective '" + kv + "' is not a number");
                }
            }
            if (layer == null || distance == null || weight == null)
                throw new IllegalArgumentException("--forecast-objective '" + s + "': give layer, distance and weight, e.g. layer=8,distance=8,weight=0.5");
            return new Spec(layer, distance, weight);
        }

        @Override public String toString() { return "layer=" + layer + ",distance=" + distance + ",weight=" + weight; }
    }

    /** The registry entry: {@code --mechanism forecast:layer=L,distance=D,weight=W}. */
    public static final class Factory implements Mechanism {
        @Override public String name() { return "forecast"; }

        @Override public String usage() {
            return "layer=L,distance=D,weight=W: the last block's state predicts block L's state D tokens ahead (e.g. forecast:layer=3,distance=8,weight=0.5)";
        }

        @Override public TrainingListener create(MechanismSpec spec) {
            spec.allowOnly("layer", "distance", "weight");
            try {
                return new ForecastObjective(new Spec(spec.integer("layer"), spec.integer("distance"), spec.number("weight")));
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage().replace("--forecast-objective", "--mechanism forecast:"), e);
            }
        }
    }

    private final Spec spec;

    public ForecastObjective(Spec spec) { this.spec = spec; }

    @Override public String name() { return "forecast:" + spec; }

    @Override public void onStart(TrainingContext ctx) {
        LanguageModel lm = ctx.model(LanguageModel.class, "the forecast mechanism");
        int n = lm.lm().config().nLayer();
        if (spec.layer() > n) throw new UserError("--forecast-objective layer=" + spec.layer() + ": the model has " + n + " blocks (layer 1.." + n + ")");
        if (spec.distance() >= lm.context())
            throw new UserError("--forecast-objective distance=" + spec.distance() + " must be shorter than the context (--ctx " + lm.context() + ")");
    }

    @Override public boolean needsInternals() { return true; }

    @Override public NDArray lossTerm(TrainingContext ctx, int step, Batch batch, Trainable.Forward forward) {
        return term(forward.output(TransformerLM.Output.class, "the forecast mechanism"), spec);
    }

    /** The weighted term for one forward output (hidden states kept); null when the sequence is too short. */
    public static NDArray term(TransformerLM.Output output, Spec spec) {
        var hidden = output.hidden();
        NDArray last = hidden.get(hidden.size() - 1);                 // [B, T, D]
        long t = last.getShape().get(1);
        if (t <= spec.distance()) return null;
        NDArray pred = standardize(last.get(new NDIndex(":, :{}, :", t - spec.distance())));
        NDArray target = standardize(hidden.get(spec.layer()).get(new NDIndex(":, {}:, :", spec.distance()))).stopGradient();
        return pred.sub(target).square().mean().mul(Constants.scalar(pred, spec.weight())); // scalar held by PyTorch: see Constants
    }

    static NDArray standardize(NDArray x) {
        NDArray mu = x.mean(new int[] {-1}, true);
        NDArray c = x.sub(mu);
        return c.div(c.square().mean(new int[] {-1}, true).add(Constants.scalar(c, 1e-5)).sqrt());
    }
}
