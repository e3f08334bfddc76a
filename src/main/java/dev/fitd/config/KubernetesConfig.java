package dev.fitd.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** fitd in a Kubernetes cluster: node labels for node-feature-discovery (docs/operations.md, "Node labels"). */
@ConfigMapping(prefix = "fitd.kubernetes")
public interface KubernetesConfig {

    /**
     * Where to write node labels as an NFD feature file, e.g.
     * {@code /etc/kubernetes/node-feature-discovery/features.d/fitd}; absent: no file. fitd writes a
     * dot-file beside it and renames it into place (NFD ignores dot-files), and only when the labels change.
     */
    Optional<Path> nfdFeaturesFile();

    /** The label prefix (a DNS subdomain; NFD refuses kubernetes.io and k8s.io). */
    @WithDefault("fitd.dev")
    String nfdLabelPrefix();

    /**
     * Catalog keys to label with a fit level and a tok/s bucket. The catalog carries no popularity data
     * (no download counts), so the default is a curated list: the current instruct releases of the
     * families most run locally (Llama, Qwen, Gemma, Mistral, Phi, DeepSeek-R1 distills, gpt-oss), across
     * sizes from 3B to 120B so that every class of node gets some "perfect" and some "too_tight".
     * Every key must be in the catalog when the daemon starts.
     */
    @WithDefault("meta-llama/Llama-3.2-3B-Instruct,meta-llama/Llama-3.1-8B-Instruct,meta-llama/Llama-3.3-70B-Instruct,"
            + "Qwen/Qwen2.5-7B-Instruct,Qwen/Qwen2.5-32B-Instruct,Qwen/Qwen2.5-Coder-7B-Instruct,"
            + "Qwen/Qwen2.5-Coder-32B-Instruct,Qwen/Qwen3-8B,Qwen/Qwen3-30B-A3B,Qwen/Qwen3-32B,"
            + "google/gemma-2-9b-it,google/gemma-3-12b-it,google/gemma-3-27b-it,"
            + "mistralai/Mistral-7B-Instruct-v0.3,mistralai/Mistral-Nemo-Instruct-2407,"
            + "mistralai/Mistral-Small-24B-Instruct-2501,microsoft/phi-4,"
            + "deepseek-ai/DeepSeek-R1-Distill-Qwen-14B,openai/gpt-oss-20b,openai/gpt-oss-120b")
    List<String> nfdModels();

    /**
     * How often fitd checks whether the snapshot, catalog or local inventory changed (and so whether the
     * labels may have). Cheap: the labels are rebuilt only after a change, the file written only when they differ.
     */
    @WithDefault("5s")
    Duration nfdCheckInterval();
}
