// Micro-benchmark of NameResolver (docs/name-resolution.md, "Request-time cost"). Run after a build:
//   CP=target/classes:<jackson-databind, -core, -annotations, -datatype-jsr310 jars>
//   javac -d /tmp/rb -cp $CP bench/ResolveBench.java && java -cp $CP:/tmp/rb ResolveBench
import dev.fitd.catalog.*;
import java.util.*;
public class ResolveBench {
    public static void main(String[] a) {
        Catalog c = new Catalog(new CatalogLoader().readBundled().stream().flatMap(f -> f.models().stream()).toList());
        long t0 = System.nanoTime();
        NameResolver n = c.names();
        long build = System.nanoTime() - t0;
        String[] names = {"meta-llama/llama-3.1-8b-instruct", "llama3.1:8b", "qwen2.5:7b-instruct-q4_k_m",
            "meta-llama-3.1-8b-instruct-q4_k_m.gguf", "gemma-3-270m-it-qat", "llama-3.1-8b-instrcut"};
        for (String s : names) {
            long sink = 0;
            for (int i = 0; i < 200_000; i++) sink += n.resolve(s).isPresent() ? 1 : 0; // warm-up
            long t = System.nanoTime();
            int N = 500_000;
            for (int i = 0; i < N; i++) sink += n.resolve(s).isPresent() ? 1 : 0;
            System.out.printf("%-45s %7.0f ns/resolve (%d)%n", s, (System.nanoTime() - t) / (double) N, sink);
        }
        long t = System.nanoTime();
        for (int i = 0; i < 200; i++) n.suggestions("llama-3.1-8b-instrcut", 3);
        System.out.printf("suggestions (404 only): %.0f us each; index build %.1f ms (once per catalog version)%n",
            (System.nanoTime() - t) / 200.0 / 1000, build / 1e6);
    }
}
