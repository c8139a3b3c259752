package io.inkan.cli;

/** {@code java -jar inkan.jar <command> ...}; see {@code inkan help}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        int exitCode = new Inkan(Terminal.system()).run(args);
        System.out.flush();
        System.exit(exitCode);
    }
}
