// Jena 4.5 SHACL with the parse/validate split timed: java JenaShacl shapes.ttl data.nt report.nt
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.sys.JenaSystem;
import java.io.FileOutputStream;

public class JenaShacl {
    public static void main(String[] a) throws Exception {
        JenaSystem.init();
        long t0 = System.nanoTime();
        Graph shapesGraph = RDFDataMgr.loadGraph(a[0]);
        Graph data = RDFDataMgr.loadGraph(a[1]);
        long t1 = System.nanoTime();
        Shapes shapes = Shapes.parse(shapesGraph);
        ValidationReport report = ShaclValidator.get().validate(shapes, data);
        long t2 = System.nanoTime();
        try (FileOutputStream out = new FileOutputStream(a[2])) {
            RDFDataMgr.write(out, report.getModel(), Lang.NTRIPLES);
        }
        long t3 = System.nanoTime();
        System.out.printf("{\"parse\": %.3f, \"validate\": %.3f, \"report\": %.3f, \"data_triples\": %d, \"conforms\": %b}%n",
                (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, data.size(), report.conforms());
    }
}
