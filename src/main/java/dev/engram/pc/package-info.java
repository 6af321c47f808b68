/**
 * Predictive coding (PC) and meta predictive learning (MPL) on recurrent networks, with backpropagation through
 * time (BPTT) as the reference: the network ({@link dev.engram.pc.RecurrentNet} with point or spike-and-slab
 * {@link dev.engram.pc.Synapses}), the three ways it gets its updates ({@link dev.engram.pc.PcLearning}), the
 * optimizer ({@link dev.engram.pc.Adam}), the epoch loop ({@link dev.engram.pc.PcTrainer}), the tasks (sMNIST,
 * the letter language, word-level text: {@link dev.engram.pc.PcTask}), the run configuration
 * ({@link dev.engram.pc.PcConfig}), run folders and reports ({@link dev.engram.pc.PcRuns},
 * {@link dev.engram.pc.PcSweep}), the speed bench ({@link dev.engram.pc.PcBench}) and a feed-forward PC network
 * written with explicit local messages ({@link dev.engram.pc.FeedForwardPc}, exercised by its test).
 *
 * <p>Dependencies: {@code core} (seeds, JSON, errors, progress, run folders and provenance), {@code data} (MNIST,
 * corpora), {@code nn} (only {@code Constants}) and {@code report}; DJL with the PyTorch engine (its JNI is used
 * directly to zero gradients and to read the thread count) and Jackson. It does not import {@code train},
 * {@code io} or {@code cli}; the command line and the tour call into pc, not the other way round (PcTourPart
 * implements the tour's {@code TourPart} and belongs to {@code tour}).
 *
 * <p>Why pc keeps its own epoch loop instead of {@code train.TrainLoop}: that loop takes every update from one
 * autograd backward of the loss a {@code Trainable} returns, then applies AdamW (decoupled decay) on a per-step
 * schedule, with batches that are a function of the step. Here only BPTT is one backward of a loss. Fixed-prediction
 * PC and MPL relax the prediction errors by local messages for a number of inference steps at an inference rate and
 * build each layer's update from its own error and presynaptic activity, without an autograd graph (the embedding's
 * scatter excepted); standard PC descends the energy in the value nodes by autograd step by step, stopping when a
 * step raises it, before taking
 * the energy's gradient in the parameters. MPL draws its mean-field noise once per batch and keeps it through
 * inference and learning. {@link dev.engram.pc.Adam} is torch.optim.Adam's coupled L2 (the decay is added to the
 * gradient after global-norm clipping) with a learning-rate scale (the fan-in N for spike-and-slab m) and a decay
 * scale (1/N^2 for m) per parameter, and every step is followed by the projection of pi into [0, piMax] and xi into
 * [0, inf). The schedule is per epoch (inference steps lengthen from epoch laterFrom, the learning rate halves every
 * lrHalfEvery epochs), each epoch visits the training set once in a seeded permutation, and each epoch ends with
 * the held-out score (MPL: an ensemble of sampled networks and the mean network) and the per-layer deterministic
 * fraction and variance. There is no checkpoint or resume. Moving pc onto the loop would need a Trainable that
 * supplies its own updates, an optimizer chosen per model with a projection after each step, and epoch schedules.
 */
package dev.engram.pc;
