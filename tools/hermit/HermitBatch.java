// HermiT as a judge for many small knowledge graphs in one JVM: for each N-Triples file named on
// standard input (ontology + data + closure axioms, as bpo_kg.reason writes them for owlready2),
// print one line: the file, then "consistent" or "inconsistent", then, if consistent, every named
// individual with all its named types ("<individual> <type> <type> ...", tab-separated).
// Compiled against the HermiT 1.3.8 jar that owlready2 ships (it bundles the OWL API 3.4.3).
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.util.TreeSet;
import org.semanticweb.HermiT.Reasoner;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.OWLClass;
import org.semanticweb.owlapi.model.OWLNamedIndividual;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.reasoner.OWLReasoner;

public class HermitBatch {
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, "UTF-8"));
        String path;
        while ((path = in.readLine()) != null) {
            if (path.isBlank()) continue;
            StringBuilder out = new StringBuilder(path);
            try {
                OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
                OWLOntology ontology = manager.loadOntologyFromOntologyDocument(new File(path));
                OWLReasoner reasoner = new Reasoner.ReasonerFactory().createReasoner(ontology);
                if (!reasoner.isConsistent()) {
                    out.append("\tinconsistent");
                } else {
                    out.append("\tconsistent");
                    for (OWLNamedIndividual individual : new TreeSet<>(ontology.getIndividualsInSignature())) {
                        TreeSet<String> types = new TreeSet<>();
                        for (OWLClass type : reasoner.getTypes(individual, false).getFlattened()) {
                            if (!type.isOWLThing()) types.add(type.getIRI().toString());
                        }
                        out.append("\n").append(individual.getIRI().toString());
                        for (String type : types) out.append("\t").append(type);
                    }
                }
                reasoner.dispose();
            } catch (Exception error) {
                out.append("\terror\t").append(String.valueOf(error).replace('\n', ' '));
            }
            System.out.println(out);
            System.out.println("END");
            System.out.flush();
        }
    }
}
