/**
 * Neural-network models on DJL: the GPT-2 causal language model and its hyper-parameters, its Hugging Face
 * model folder (config.json + model.safetensors), and autoregressive sampling.
 *
 * <p>May import core, io and data.
 */
package dev.engram.nn;
