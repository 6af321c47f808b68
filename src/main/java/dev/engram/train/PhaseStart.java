package dev.engram.train;

import ai.djl.ndarray.NDManager;
import dev.engram.core.UserError;
import dev.engram.io.Safetensors;
import dev.engram.io.Tensor;
import dev.engram.nn.GptConfig;
import dev.engram.nn.ModelFiles;
import dev.engram.nn.TransformerLM;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The first model of a phase (--init-from): every parameter from another run's checkpoint, except those named
 * in --reinit, which are drawn fresh as a new model's would be. The architecture must match; a parameter whose
 * shape changed (the token embedding after a new tokenizer, the positions after a new context) must be re-drawn.
 */
final class PhaseStart {
    private PhaseStart() {}

    static TransformerLM model(GptConfig target, Path from, List<String> reinit, NDManager manager, SplittableRandom rng) {
        Path dir = Checkpoints.modelDir(from);
        GptConfig source = ModelFiles.readConfig(dir);
        if (source.nLayer() != target.nLayer() || source.nEmbd() != target.nEmbd() || source.nHead() != target.nHead())
            throw new UserError("--init-from " + from + ": its model has " + source.nLayer() + " layers, width " + source.nEmbd() + " and "
                    + source.nHead() + " heads; give the same --layers, --dim and --heads (now " + target.nLayer() + ", " + target.nEmbd()
                    + ", " + target.nHead() + ")");
        Map<String, Tensor> saved = Safetensors.read(dir.resolve(ModelFiles.WEIGHTS)).tensors();
        LinkedHashMap<String, Tensor> tensors = TransformerLM.initialTensors(target, rng);
        List<String> fresh = ParameterNames.select(tensors.keySet(), reinit, "--reinit");
        for (var e : tensors.entrySet()) {
            if (fresh.contains(e.getKey())) continue;
            Tensor t = saved.get(e.getKey());
            if (t == null) throw new UserError("--init-from " + from + ": the checkpoint has no " + e.getKey() + "; list it in --reinit to draw it fresh");
            if (!Arrays.equals(t.shape(), e.getValue().shape()))
                throw new UserError("--init-from " + from + ": " + e.getKey() + " has shape " + t.shapeString() + " there and "
                        + Arrays.toString(e.getValue().shape()) + " here (a new tokenizer or context?); add it to --reinit");
            e.setValue(t);
        }
        return TransformerLM.fromTensors(target, tensors, manager, "--init-from " + from);
    }
}
