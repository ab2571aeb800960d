// Every language's hello world, and its compile errors, in every backend.
#include "sandboxfixture.h"

#include <sandbox/languages.h>

#include <QTest>

using namespace bunny;

namespace {

struct Program
{
    const char *language;
    const char *file;
    const char *hello;
    const char *broken; // nullptr: interpreted
};

const Program kPrograms[] = {
    {"python", "main.py", "import sys\nprint('hello, ' + sys.stdin.read().strip())\n", nullptr},
    {"javascript", "main.js",
     "let s = '';\nprocess.stdin.on('data', d => s += d);\nprocess.stdin.on('end', () => console.log('hello, "
     "' + "
     "s.trim()));\n",
     nullptr},
    {"c", "main.c",
     "#include <stdio.h>\nint main(void){char n[64]; scanf(\"%63s\", n); printf(\"hello, %s\\n\", n); return "
     "0;}\n",
     "int main(void){ return undefined_name; }\n"},
    {"cpp", "main.cpp",
     "#include <iostream>\n#include <string>\nint main(){std::string n; std::cin >> n; std::cout << \"hello, "
     "\" << n "
     "<< \"\\n\";}\n",
     "int main(){ std::vector<int> v; }\n"},
    {"java", "Main.java",
     "import java.util.Scanner;\npublic class Main { public static void main(String[] a) { "
     "System.out.println(\"hello, "
     "\" + new Scanner(System.in).next()); } }\n",
     "public class Main { public static void main(String[] a) { int x = \"text\"; } }\n"},
    {"go", "main.go",
     "package main\nimport \"fmt\"\nfunc main() { var n string; fmt.Scan(&n); fmt.Println(\"hello, \" + n) "
     "}\n",
     "package main\nfunc main() { undefinedCall() }\n"},
    {"rust", "main.rs",
     "use std::io::Read;\nfn main() { let mut s = String::new(); std::io::stdin().read_to_string(&mut "
     "s).unwrap(); "
     "println!(\"hello, {}\", s.trim()); }\n",
     "fn main() { let x: i32 = \"text\"; }\n"},
};

} // namespace

class tst_Languages : public QObject
{
    Q_OBJECT

private:
    static void rows(bool compiledOnly)
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<int>("index");
        for (const auto &backend : bunny::test::sandboxBackends()) {
            for (int i = 0; i < static_cast<int>(std::size(kPrograms)); ++i) {
                if (!compiledOnly || kPrograms[i].broken)
                    QTest::newRow(qPrintable(backend + "/" + kPrograms[i].language)) << backend << i;
            }
        }
    }

    static bool available(const char *language) { return sandbox::detectLanguage(language).has_value(); }

private Q_SLOTS:
    void everyDebianToolchainIsDetectedWithItsVersion()
    {
        // The set-up script installs all seven toolchains, so this host must offer every one.
        const auto languages = sandbox::detectLanguages();
        QStringList ids;
        for (const auto &language : languages) {
            ids << QString::fromStdString(language.id);
            QVERIFY2(!language.version.empty(), language.id.c_str());
            QVERIFY(!language.extensions.empty());
        }
        QCOMPARE(ids, QStringList({"python", "javascript", "c", "cpp", "java", "go", "rust"}));
    }

    void helloWorldRuns_data() { rows(false); }
    void helloWorldRuns()
    {
        QFETCH(QString, backend);
        QFETCH(int, index);
        const Program &program = kPrograms[index];
        if (!available(program.language))
            QFAIL("toolchain missing on this host");
        BUNNY_REQUIRE_SANDBOX(box, backend);
        auto job = bunny::test::makeJob(program.language, program.file, program.hello);
        job.stdinData = "bunny\n";
        const auto result = box->run(job);
        const std::string context =
            std::string(sandbox::statusName(result.status)) + " / " + result.message + " / " +
            result.stderrText.substr(0, 500) +
            (result.compile ? " / compile: " + result.compile->output.substr(0, 500) : "");
        QVERIFY2(result.status == sandbox::Status::Ok, context.c_str());
        QCOMPARE(result.stdoutText, std::string("hello, bunny\n"));
        QCOMPARE(result.exitCode, 0);
        QVERIFY(!result.signal);
        QCOMPARE(result.compile.has_value(), program.broken != nullptr);
        QVERIFY(result.memoryKb > 0);
    }

    void compileErrorIsReported_data() { rows(true); }
    void compileErrorIsReported()
    {
        QFETCH(QString, backend);
        QFETCH(int, index);
        const Program &program = kPrograms[index];
        BUNNY_REQUIRE_SANDBOX(box, backend);
        const auto result = box->run(bunny::test::makeJob(program.language, program.file, program.broken));
        QCOMPARE(sandbox::statusName(result.status), "compile_error");
        QVERIFY(result.compile.has_value());
        QCOMPARE(sandbox::statusName(result.compile->status), "compile_error");
        QVERIFY(result.compile->exitCode != 0);
        QVERIFY2(result.compile->output.find(program.file) != std::string::npos,
                 result.compile->output.c_str());
        QVERIFY(result.stdoutText.empty());
    }
};

QTEST_GUILESS_MAIN(tst_Languages)
#include "tst_languages.moc"
