import javax.tools.ToolProvider;

/** Compiles Explain.java once into a cache folder (java Compile.java OUT CLASSPATH SOURCE), so later runs
 * skip the launcher's compilation; the compiler module is part of the Java runtime (JRE) image. */
public class Compile {
    public static void main(String[] args) {
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-nowarn", "-d", args[0], "-cp", args[1], args[2]);
        System.exit(status);
    }
}
