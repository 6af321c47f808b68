package dev.engram.forgetting;

import dev.engram.core.Seeds;
import dev.engram.train.LrSchedule;
import dev.engram.train.Mechanism;
import dev.engram.train.MechanismSpec;
import dev.engram.train.StepRecord;
import dev.engram.train.TrainingContext;
import dev.engram.train.TrainingListener;
import java.util.List;
import java.util.Map;

/**
 * Active forgetting (Chen et al., NeurIPS 2023): every K updates the token embeddings are re-drawn from the
 * model's own initial distribution (GPT-2: N(0, 0.02); the tied output projection is the same tensor, the
 * position embeddings are kept), their Adam moments and step count are forgotten, and their learning rate
 * replays the run's whole warm-up and decay inside each K-step episode, compressed total/K times: the
 * embeddings' schedule step is ((s - 1) * (total / K)) mod total + 1 at update s, the 1-based form of the
 * authors' (n * (total / K)) mod total. The rest of the model keeps the run's schedule. The mechanism "forget".
 */
public final class ActiveForgetting implements TrainingListener {
    private final int every;
    private final List<String> params;
    private int resets;

    public ActiveForgetting(int every, List<String> params) {
        this.every = every;
        this.params = params;
    }

    /** The registry entry: {@code --mechanism forget:every=K[,params=wte.weight]}. */
    public static final class Factory implements Mechanism {
        @Override public String name() { return "forget"; }

        @Override public String usage() {
            return "every=K[,params=NAME+NAME]: re-draw the token embeddings (default wte.weight) every K updates, forget their "
                    + "Adam state, replay their lr schedule per episode (e.g. forget:every=1000)";
        }

        @Override public TrainingListener create(MechanismSpec spec) {
            spec.allowOnly("every", "params");
            int every = spec.integer("every");
            spec.require(every >= 1, "every=" + every + " must be at least 1");
            return new ActiveForgetting(every, spec.values().containsKey("params") ? spec.list("params") : List.of("wte.weight"));
        }
    }

    @Override public String name() { return "forget:every=" + every + ",params=" + String.join("+", params); }

    @Override public void onStart(TrainingContext ctx) {
        int total = ctx.config().steps();
        if (every > total) throw new dev.engram.core.UserError("--mechanism forget: every=" + every + " exceeds the run's " + total + " steps");
        LrSchedule schedule = ctx.config().schedule();
        int stride = total / every;
        for (String p : params) ctx.schedule(p, step -> schedule.at((int) (((step - 1L) * stride) % total) + 1));
    }

    @Override public void afterStep(TrainingContext ctx, StepRecord r) {
        if (r.step() % every == 0 && r.step() < ctx.config().steps()) {
            for (String p : params) ctx.reinitialize(p, Seeds.random(ctx.config().seed(), "forget:" + p, r.step()));
            resets++;
        }
        r.put("embedding_resets", resets);
    }

    /** The episode's embedding learning rate is a function of the step; the count is kept for metrics. */
    @Override public Map<String, Object> state() { return Map.of("resets", resets); }

    @Override public void restore(Map<String, Object> state) { resets = ((Number) state.get("resets")).intValue(); }
}
