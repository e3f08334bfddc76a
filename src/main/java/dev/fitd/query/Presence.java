package dev.fitd.query;

/** Whether a model (by row key) is installed or loaded in a local runtime, for the installed/loaded filters. */
public interface Presence {

    /** Nothing installed anywhere. */
    Presence NONE = new Presence() {
        @Override
        public boolean installed(String key) { return false; }

        @Override
        public boolean loaded(String key) { return false; }
    };

    boolean installed(String key);

    boolean loaded(String key);
}
