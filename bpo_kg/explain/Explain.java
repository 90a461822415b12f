import com.clarkparsia.owlapi.explanation.BlackBoxExplanation;
import com.clarkparsia.owlapi.explanation.HSTExplanationGenerator;
import com.clarkparsia.owlapi.explanation.SatisfiabilityConverter;
import java.io.File;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.semanticweb.HermiT.Configuration;
import org.semanticweb.HermiT.Reasoner;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.AxiomType;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.OWLAxiom;
import org.semanticweb.owlapi.model.OWLClassExpression;
import org.semanticweb.owlapi.model.OWLDataFactory;
import org.semanticweb.owlapi.model.OWLEntity;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.reasoner.OWLReasoner;
import org.semanticweb.owlapi.reasoner.OWLReasonerConfiguration;
import org.semanticweb.owlapi.reasoner.OWLReasonerFactory;
import uk.ac.manchester.cs.owlapi.modularity.ModuleType;
import uk.ac.manchester.cs.owlapi.modularity.SyntacticLocalityModuleExtractor;

/**
 * Justifications with the OWL API's explanation generator (black-box, hitting sets) and HermiT, over a
 * syntactic locality module (STAR) around the entities in question, so the work stays local.
 *
 * <p>java -cp HermiT.jar Explain.java INPUT MAX SIGNATURE-FILE QUESTIONS-FILE
 *
 * <p>Each line of QUESTIONS-FILE is "INDIVIDUAL CLASS": why INDIVIDUAL is a CLASS; with owl:Nothing as
 * CLASS, why INPUT (RDF/XML or Turtle) is inconsistent. The ontology is loaded once for all of them.
 * SIGNATURE-FILE lists more IRIs, one per line, for the modules. Output per question: "QUESTION
 * INDIVIDUAL CLASS", then, one line each: "MODULE n OF m"
 * (logical axioms), then per justification "JUSTIFICATION", its axioms in OWL functional syntax and
 * "MINIMAL true|false" (HermiT: the set entails the question, and no set without one of its axioms
 * does), then "END"; or "NOT-ENTAILED" if there is nothing to explain. With MAX 0, only whether:
 * "END" (entailed) or "NOT-ENTAILED".
 */
public class Explain {
    public static void main(String[] args) throws Exception {
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        OWLOntology input = manager.loadOntologyFromOntologyDocument(new File(args[0]));
        int max = Integer.parseInt(args[1]);
        Set<OWLEntity> signature = new HashSet<>();
        for (String line : java.nio.file.Files.readAllLines(new File(args[2]).toPath())) {
            if (!line.isBlank()) signature.addAll(input.getEntitiesInSignature(IRI.create(line.trim()), true));
        }
        SyntacticLocalityModuleExtractor extractor = new SyntacticLocalityModuleExtractor(manager, input, ModuleType.STAR);
        int number = 0;
        for (String line : java.nio.file.Files.readAllLines(new File(args[3]).toPath())) {
            if (line.isBlank()) continue;
            String[] words = line.trim().split("\\s+");
            System.out.println("QUESTION " + words[0] + " " + words[1]);
            answer(manager, input, extractor, signature, words[0], words[1], max, number++);
            System.out.flush();
        }
    }

    static void answer(OWLOntologyManager manager, OWLOntology input, SyntacticLocalityModuleExtractor extractor,
                       Set<OWLEntity> extra, String individual, String cls, int max, int number) throws Exception {
        OWLDataFactory factory = manager.getOWLDataFactory();
        Set<OWLEntity> signature = new HashSet<>(extra);
        // the question: why INDIVIDUAL is a CLASS; with owl:Nothing, why the data is inconsistent
        // (any individual is a Nothing exactly when the ontology has no model)
        OWLAxiom question = factory.getOWLClassAssertionAxiom(
            factory.getOWLClass(IRI.create(cls)), factory.getOWLNamedIndividual(IRI.create(individual)));
        signature.addAll(question.getSignature());
        Set<OWLAxiom> axioms = extractor.extract(signature);
        axioms.addAll(input.getAxioms(AxiomType.DECLARATION));
        OWLOntology module = manager.createOntology(axioms, IRI.create("urn:bpo-kg:module-" + number));
        System.out.println("MODULE " + module.getLogicalAxiomCount() + " OF " + input.getLogicalAxiomCount());
        Configuration configuration = new Configuration();
        configuration.throwInconsistentOntologyException = false;
        OWLReasonerFactory reasonerFactory = new OWLReasonerFactory() {
            public String getReasonerName() { return "HermiT"; }
            public OWLReasoner createReasoner(OWLOntology o) { return new Reasoner(configuration, o); }
            public OWLReasoner createNonBufferingReasoner(OWLOntology o) { return new Reasoner(configuration, o); }
            public OWLReasoner createReasoner(OWLOntology o, OWLReasonerConfiguration c) {
                return new Reasoner(configuration, o);
            }
            public OWLReasoner createNonBufferingReasoner(OWLOntology o, OWLReasonerConfiguration c) {
                return new Reasoner(configuration, o);
            }
        };
        OWLReasoner reasoner = new Reasoner(configuration, module);
        if (reasoner.isConsistent() && !reasoner.isEntailed(question)) {
            System.out.println("NOT-ENTAILED");
            manager.removeOntology(module);
            return;
        }
        if (max == 0) {  // whether, not why
            System.out.println("END");
            manager.removeOntology(module);
            return;
        }
        OWLClassExpression unsatisfiable = new SatisfiabilityConverter(factory).convert(question);
        BlackBoxExplanation single = new BlackBoxExplanation(module, reasonerFactory, reasoner);
        HSTExplanationGenerator generator = new HSTExplanationGenerator(single);
        Set<Set<OWLAxiom>> found = new java.util.LinkedHashSet<>();
        boolean inconsistency = question.getClassesInSignature().contains(factory.getOWLNothing());
        for (Set<OWLAxiom> candidate : generator.getExplanations(unsatisfiable, max)) {
            // A black box reads {a} as satisfiable once a leaves the signature, so for an inconsistency it
            // may keep a fact that only mentions a: shrink to a set HermiT finds inconsistent without any one.
            found.add(inconsistency ? shrink(manager, candidate, question, configuration) : candidate);
        }
        for (Set<OWLAxiom> justification : found) {
            System.out.println("JUSTIFICATION");
            List<String> lines = new ArrayList<>();
            for (OWLAxiom axiom : justification) lines.add(axiom.getAxiomWithoutAnnotations().toString());
            java.util.Collections.sort(lines);
            for (String line : lines) System.out.println(line);
            System.out.println("MINIMAL " + minimal(manager, justification, question, configuration));
        }
        System.out.println("END");
        manager.removeOntology(module);
    }

    /** HermiT's word on a justification: it entails the question, and without any one axiom it does not. */
    static boolean minimal(OWLOntologyManager manager, Set<OWLAxiom> justification, OWLAxiom question,
                           Configuration configuration) throws Exception {
        if (!entails(manager, justification, question, configuration)) return false;
        for (OWLAxiom left : justification) {
            Set<OWLAxiom> rest = new HashSet<>(justification);
            rest.remove(left);
            if (entails(manager, rest, question, configuration)) return false;
        }
        return true;
    }

    static Set<OWLAxiom> shrink(OWLOntologyManager manager, Set<OWLAxiom> axioms, OWLAxiom question,
                                Configuration configuration) throws Exception {
        Set<OWLAxiom> kept = new HashSet<>(axioms);
        for (OWLAxiom axiom : new ArrayList<>(axioms)) {
            kept.remove(axiom);
            if (!entails(manager, kept, question, configuration)) kept.add(axiom);
        }
        return kept;
    }

    static int checks = 0;

    static boolean entails(OWLOntologyManager manager, Set<OWLAxiom> axioms, OWLAxiom question,
                           Configuration configuration) throws Exception {
        OWLOntology part = manager.createOntology(axioms, IRI.create("urn:bpo-kg:check-" + (checks++)));
        try {
            Reasoner reasoner = new Reasoner(configuration, part);
            return !reasoner.isConsistent() || reasoner.isEntailed(question);
        } finally {
            manager.removeOntology(part);
        }
    }
}
