#!/bin/sh
# Debian's libapache-jena-java 4.5.0-2: no launcher scripts, no Class-Path in the manifests, and the
# relocated Xerces classes (package `xerces.*` inside jena-core.jar) look up their message bundles as
# `xerces/impl/msg/*.properties` and `xerces/impl/xpath/regex/message*.properties`, while the jar ships them
# under `org/apache/jena/ext/xerces/...`. Without them, JenaSystem.init dies in
# XSSimpleTypeDecl.applyFacets1 ("internal error") -> ExceptionInInitializerError.
# Fix: copy the resources to a directory under their expected names and put it on the classpath.
set -e
apt-get install -y libapache-jena-java
D=/tmp/shacl-eval
rm -rf $D/jena-fix && mkdir -p $D/jena-fix/tmp && cd $D/jena-fix/tmp
unzip -q /usr/share/java/jena-core.jar 'org/apache/jena/ext/xerces/*' -x '*.class'
mv org/apache/jena/ext/xerces ../xerces && cd .. && rm -rf tmp
# Classpath: jena jars + the declared dependencies' jars, with ONE slf4j binding (slf4j-simple);
# the full slf4j set (log4j-over-slf4j + slf4j-log4j12) aborts start-up with a delegation-loop error.
CP=""
for p in libapache-jena-java libcommons-cli-java libcommons-codec-java libcommons-compress-java libcommons-csv-java \
         libcommons-io-java libcommons-lang3-java libdexx-java libgoogle-gson-java libguava-java libhttpclient-java \
         libjackson2-core-java libjackson2-databind-java libjsonld-java libjsonp2-java libprotobuf-java libthrift-java \
         libtitanium-json-ld-java; do
  for j in $(dpkg -L $p | grep "^/usr/share/java/.*\.jar$"); do
    [ -L "$j" ] || case "$j" in *fluent-hc*|*httpclient-osgi*|*httpclient-cache*) ;; *) CP="$CP:$j";; esac
  done
done
CP="${CP#:}:/usr/share/java/slf4j-api.jar:/usr/share/java/slf4j-simple.jar:$D/jena-fix"
echo "$CP" > $D/jena-classpath.txt
cd $D/java && javac -cp "$CP" JenaShacl.java
echo "java -cp \"\$(cat $D/jena-classpath.txt)\" shacl.shacl validate --shapes shapes.ttl --data realised.nt"
