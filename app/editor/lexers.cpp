#include "editor/lexers.h"

#include <Qsci/qscilexerbash.h>
#include <Qsci/qscilexercmake.h>
#include <Qsci/qscilexercpp.h>
#include <Qsci/qscilexercss.h>
#include <Qsci/qscilexerhtml.h>
#include <Qsci/qscilexerjava.h>
#include <Qsci/qscilexerjavascript.h>
#include <Qsci/qscilexerjson.h>
#include <Qsci/qscilexermarkdown.h>
#include <Qsci/qscilexerpython.h>
#include <Qsci/qscilexeryaml.h>

#include <QFileInfo>
#include <QHash>

namespace bunny::app {

namespace {

// QScintilla has no Go, Rust or TypeScript lexer; their syntax is C-like enough for the C++
// lexer (or the JavaScript one) with the right keyword sets.
class GoLexer : public QsciLexerCPP
{
public:
    explicit GoLexer(QObject *parent)
        : QsciLexerCPP(parent)
    {
        setHighlightBackQuotedStrings(true);
    }
    const char *language() const override { return "Go"; }
    const char *keywords(int set) const override
    {
        if (set == 1)
            return "break case chan const continue default defer else fallthrough for func go "
                   "goto if import interface map package range return select struct switch "
                   "type var true false nil iota";
        if (set == 2)
            return "bool byte complex64 complex128 error float32 float64 int int8 int16 int32 "
                   "int64 rune string uint uint8 uint16 uint32 uint64 uintptr any comparable "
                   "append cap close complex copy delete imag len make new panic print println "
                   "real recover";
        return nullptr;
    }
};

// C is not C++: no class, template or namespace among its keywords (nor in its completion).
class CLexer : public QsciLexerCPP
{
public:
    explicit CLexer(QObject *parent)
        : QsciLexerCPP(parent)
    {}
    const char *language() const override { return "C"; }
    const char *keywords(int set) const override
    {
        if (set == 1)
            return "auto break case char const continue default do double else enum extern float for "
                   "goto if inline int long register restrict return short signed sizeof static "
                   "struct switch typedef union unsigned void volatile while _Alignas _Alignof "
                   "_Atomic _Bool _Complex _Generic _Imaginary _Noreturn _Static_assert "
                   "_Thread_local alignas alignof bool false nullptr static_assert thread_local true "
                   "typeof";
        if (set == 2)
            return "size_t ssize_t ptrdiff_t intptr_t uintptr_t int8_t int16_t int32_t int64_t uint8_t "
                   "uint16_t uint32_t uint64_t FILE NULL EOF stdin stdout stderr";
        return nullptr;
    }
};

class RustLexer : public QsciLexerCPP
{
public:
    explicit RustLexer(QObject *parent)
        : QsciLexerCPP(parent)
    {}
    const char *language() const override { return "Rust"; }
    const char *keywords(int set) const override
    {
        if (set == 1)
            return "as async await break const continue crate dyn else enum extern false fn for "
                   "if impl in let loop match mod move mut pub ref return self Self static "
                   "struct super trait true type unsafe use where while";
        if (set == 2)
            return "bool char f32 f64 i8 i16 i32 i64 i128 isize str u8 u16 u32 u64 u128 usize "
                   "String Vec Option Some None Result Ok Err Box Rc Arc HashMap HashSet "
                   "println print eprintln format vec panic assert assert_eq";
        return nullptr;
    }
};

class TypeScriptLexer : public QsciLexerJavaScript
{
public:
    explicit TypeScriptLexer(QObject *parent)
        : QsciLexerJavaScript(parent)
    {}
    const char *language() const override { return "TypeScript"; }
    const char *keywords(int set) const override
    {
        if (set == 1)
            return "abstract any as async await boolean break case catch class const "
                   "constructor continue debugger declare default delete do else enum export "
                   "extends false finally for from function get if implements import in "
                   "infer instanceof interface is keyof let module namespace never new null "
                   "number object of private protected public readonly return set static "
                   "string super switch symbol this throw true try type typeof undefined "
                   "unique unknown var void while with yield";
        return QsciLexerJavaScript::keywords(set);
    }
};

struct Language
{
    const char *id;
    const char *name;
    const char *comment;
};

const Language kLanguages[] = {
    {"python", "Python", "#"},
    {"c", "C", "//"},
    {"cpp", "C++", "//"},
    {"javascript", "JavaScript", "//"},
    {"typescript", "TypeScript", "//"},
    {"java", "Java", "//"},
    {"go", "Go", "//"},
    {"rust", "Rust", "//"},
    {"json", "JSON", ""},
    {"markdown", "Markdown", ""},
    {"yaml", "YAML", "#"},
    {"shell", "Shell", "#"},
    {"cmake", "CMake", "#"},
    {"html", "HTML", ""},
    {"css", "CSS", ""},
    {"text", "Plain text", ""},
};

const Language &find(const QString &id)
{
    for (const Language &language : kLanguages) {
        if (id == QLatin1String(language.id))
            return language;
    }
    return kLanguages[std::size(kLanguages) - 1];
}

} // namespace

QString languageForFile(const QString &fileName)
{
    static const QHash<QString, QString> bySuffix = {
        {QStringLiteral("py"), QStringLiteral("python")},
        {QStringLiteral("pyw"), QStringLiteral("python")},
        {QStringLiteral("c"), QStringLiteral("c")},
        {QStringLiteral("h"), QStringLiteral("c")},
        {QStringLiteral("cpp"), QStringLiteral("cpp")},
        {QStringLiteral("cc"), QStringLiteral("cpp")},
        {QStringLiteral("cxx"), QStringLiteral("cpp")},
        {QStringLiteral("hpp"), QStringLiteral("cpp")},
        {QStringLiteral("hh"), QStringLiteral("cpp")},
        {QStringLiteral("hxx"), QStringLiteral("cpp")},
        {QStringLiteral("js"), QStringLiteral("javascript")},
        {QStringLiteral("mjs"), QStringLiteral("javascript")},
        {QStringLiteral("cjs"), QStringLiteral("javascript")},
        {QStringLiteral("jsx"), QStringLiteral("javascript")},
        {QStringLiteral("ts"), QStringLiteral("typescript")},
        {QStringLiteral("tsx"), QStringLiteral("typescript")},
        {QStringLiteral("java"), QStringLiteral("java")},
        {QStringLiteral("go"), QStringLiteral("go")},
        {QStringLiteral("rs"), QStringLiteral("rust")},
        {QStringLiteral("json"), QStringLiteral("json")},
        {QStringLiteral("md"), QStringLiteral("markdown")},
        {QStringLiteral("markdown"), QStringLiteral("markdown")},
        {QStringLiteral("yml"), QStringLiteral("yaml")},
        {QStringLiteral("yaml"), QStringLiteral("yaml")},
        {QStringLiteral("sh"), QStringLiteral("shell")},
        {QStringLiteral("bash"), QStringLiteral("shell")},
        {QStringLiteral("zsh"), QStringLiteral("shell")},
        {QStringLiteral("cmake"), QStringLiteral("cmake")},
        {QStringLiteral("html"), QStringLiteral("html")},
        {QStringLiteral("htm"), QStringLiteral("html")},
        {QStringLiteral("css"), QStringLiteral("css")},
    };
    const QFileInfo info(fileName);
    if (info.fileName() == QLatin1String("CMakeLists.txt"))
        return QStringLiteral("cmake");
    return bySuffix.value(info.suffix().toLower(), QStringLiteral("text"));
}

QString languageDisplayName(const QString &language)
{
    return QString::fromLatin1(find(language).name);
}

QString lineCommentPrefix(const QString &language)
{
    return QString::fromLatin1(find(language).comment);
}

QsciLexer *createLexerForLanguage(const QString &language, QObject *parent)
{
    if (language == QLatin1String("python"))
        return new QsciLexerPython(parent);
    if (language == QLatin1String("c"))
        return new CLexer(parent);
    if (language == QLatin1String("cpp"))
        return new QsciLexerCPP(parent);
    if (language == QLatin1String("javascript"))
        return new QsciLexerJavaScript(parent);
    if (language == QLatin1String("typescript"))
        return new TypeScriptLexer(parent);
    if (language == QLatin1String("java"))
        return new QsciLexerJava(parent);
    if (language == QLatin1String("go"))
        return new GoLexer(parent);
    if (language == QLatin1String("rust"))
        return new RustLexer(parent);
    if (language == QLatin1String("json"))
        return new QsciLexerJSON(parent);
    if (language == QLatin1String("markdown"))
        return new QsciLexerMarkdown(parent);
    if (language == QLatin1String("yaml"))
        return new QsciLexerYAML(parent);
    if (language == QLatin1String("shell"))
        return new QsciLexerBash(parent);
    if (language == QLatin1String("cmake"))
        return new QsciLexerCMake(parent);
    if (language == QLatin1String("html"))
        return new QsciLexerHTML(parent);
    if (language == QLatin1String("css"))
        return new QsciLexerCSS(parent);
    return nullptr;
}

QsciLexer *createLexerForFile(const QString &fileName, QObject *parent)
{
    return createLexerForLanguage(languageForFile(fileName), parent);
}

} // namespace bunny::app
