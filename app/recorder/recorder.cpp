#include "recorder/recorder.h"

#include "editor/codeeditor.h"
#include "editor/lexers.h"
#include "project/textfile.h"
#include "recorder/sessionrecovery.h"

#include <recording/event.h>
#include <recording/header.h>
#include <recording/writer.h>

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QTimer>
#include <QUuid>

#include <algorithm>

namespace bunny::app {

namespace {

// Bigger files are data, not code someone types; keyframing them would bloat every session.
constexpr qint64 kMaxRecordedFileSize = 4 * 1024 * 1024;
constexpr int kSelectionCoalesceMs = 250;

std::string utf8(const QString &text)
{
    return text.toStdString();
}

QByteArray digest(const QByteArray &text)
{
    return QCryptographicHash::hash(text, QCryptographicHash::Sha1);
}

bool isIgnoreFile(const QString &path)
{
    const QString name = QFileInfo(path).fileName();
    return name == QLatin1String(".gitignore") || name == QLatin1String(".bunnyignore");
}

// A `*` in .bunny/.gitignore keeps the folder (and the file itself) out of every git that
// could see it: a project inside a bigger repository, a worktree or a submodule, where
// <project>/.git is a file or absent and info/exclude is not ours to find.
void writeBunnyGitignore(const QString &projectPath)
{
    QFile ignore(projectPath + QStringLiteral("/.bunny/.gitignore"));
    if (ignore.exists())
        return;
    if (ignore.open(QIODevice::WriteOnly))
        ignore.write("# Bunny Code's recordings and local state stay out of git.\n*\n");
}

void keepOutOfGit(const QString &projectPath)
{
    const QString gitDir = projectPath + QStringLiteral("/.git");
    if (!QFileInfo(gitDir).isDir())
        return;
    QDir().mkpath(gitDir + QStringLiteral("/info"));
    QFile exclude(gitDir + QStringLiteral("/info/exclude"));
    QByteArray content;
    if (exclude.open(QIODevice::ReadOnly)) {
        content = exclude.readAll();
        exclude.close();
    }
    const auto lines = content.split('\n');
    if (std::any_of(lines.begin(), lines.end(), [](const QByteArray &line) {
            const QByteArray l = line.trimmed();
            return l == ".bunny/" || l == ".bunny" || l == "/.bunny/" || l == "/.bunny";
        }))
        return;
    if (!exclude.open(QIODevice::Append))
        return;
    if (!content.isEmpty() && !content.endsWith('\n'))
        exclude.write("\n");
    exclude.write("# Bunny Code's recordings and local state\n.bunny/\n");
}

} // namespace

Recorder::Recorder(QObject *parent)
    : QObject(parent)
{
    m_selectionTimer = new QTimer(this);
    m_selectionTimer->setSingleShot(true);
    m_selectionTimer->setInterval(kSelectionCoalesceMs);
    connect(m_selectionTimer, &QTimer::timeout, this, &Recorder::flushSelection);
}

Recorder::~Recorder()
{
    stop();
}

Result<void> Recorder::start(const QString &projectPath)
{
    stop();
    m_project = QDir::cleanPath(QFileInfo(projectPath).absoluteFilePath());
    m_ignore = IgnoreMatcher(m_project);
    m_known.clear();
    m_digests.clear();

    const QString dir = sessionrecovery::recordingsDir(m_project);
    if (!QDir().mkpath(dir))
        return makeError(tr("Cannot create %1; this session is not recorded.").arg(dir).toStdString());
    keepOutOfGit(m_project);
    writeBunnyGitignore(m_project);

    const QDateTime started = QDateTime::currentDateTimeUtc();
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString path = dir + QLatin1Char('/') + started.toString(QStringLiteral("yyyyMMdd-HHmmss")) +
                         QLatin1Char('-') + id.left(8) + QStringLiteral(".bunnyrec");

    rec::Header header;
    header.id = utf8(id);
    header.started = utf8(started.toString(Qt::ISODate));
    header.title = utf8(QFileInfo(m_project).fileName());
    header.author = utf8(qEnvironmentVariable("USER"));

    // The keyframes are collected first, so the header can name the project's main language.
    QStringList known; // candidates; keyframeFromDisk checks each is text
    scanProject(m_project, known);
    QHash<QString, int> languages;
    for (const QString &file : std::as_const(known)) {
        const QString language = languageForFile(file);
        if (language != QLatin1String("text") && language != QLatin1String("markdown"))
            ++languages[language];
    }
    QString language;
    for (auto it = languages.cbegin(); it != languages.cend(); ++it) {
        const int count = languages.value(language);
        if (language.isEmpty() || it.value() > count || (it.value() == count && it.key() < language))
            language = it.key();
    }
    header.language = utf8(language);

    auto writer = rec::Writer::create(utf8(path), header);
    if (!writer) {
        return makeError(
            tr("Cannot record this session: %1").arg(QString::fromStdString(writer.message())).toStdString());
    }
    m_writer = std::move(writer.value());
    m_sessionPath = path;
    sessionrecovery::createLock(path);

    std::sort(known.begin(), known.end());
    m_clock.invalidate(); // now() is 0 until the keyframes of t=0 are written
    for (const QString &file : std::as_const(known))
        keyframeFromDisk(file);
    m_clock.start();
    if (m_writer)
        (void)m_writer->flush();
    Q_EMIT recordingChanged(isRecording());
    return {};
}

void Recorder::stop()
{
    m_selectionTimer->stop();
    if (!m_writer)
        return;
    flushSelection();
    if (m_writer) {
        (void)m_writer->close();
        m_writer.reset();
        sessionrecovery::removeLock(m_sessionPath);
    }
    Q_EMIT recordingChanged(false);
}

Result<void> Recorder::flush()
{
    if (!m_writer)
        return {};
    flushSelection();
    if (!m_writer)
        return makeError(tr("The recorder stopped.").toStdString());
    Result<void> result = m_writer->flush();
    if (!result)
        fail(QString::fromStdString(result.message()));
    return result;
}

QString Recorder::relative(const QString &absolutePath) const
{
    if (m_project.isEmpty())
        return {};
    const QString rel = QDir(m_project).relativeFilePath(absolutePath);
    if (rel.isEmpty() || rel == QLatin1String(".") || rel.startsWith(QLatin1String("../")) ||
        QDir::isAbsolutePath(rel))
        return {};
    return rel;
}

bool Recorder::isRecorded(const QString &absolutePath) const
{
    const QString rel = relative(absolutePath);
    return !rel.isEmpty() && !m_ignore.isIgnored(rel, QFileInfo(absolutePath).isDir());
}

std::int64_t Recorder::now() const
{
    return m_clock.isValid() ? m_clock.elapsed() : 0;
}

void Recorder::append(const rec::Event &event)
{
    if (!m_writer)
        return;
    const Result<void> result = m_writer->append(event);
    if (!result)
        fail(QString::fromStdString(result.message()));
}

void Recorder::fail(const QString &message)
{
    if (!m_writer)
        return;
    // The lock stays: the file holds what was written before the failure, and the next start
    // offers it like any session cut short.
    m_writer.reset();
    m_selectionTimer->stop();
    Q_EMIT failed(tr("Recording stopped: %1. Editing goes on; your files are not affected.").arg(message));
    Q_EMIT recordingChanged(false);
}

void Recorder::scanProject(const QString &dir, QStringList &files) const
{
    const auto entries =
        QDir(dir).entryInfoList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden, QDir::Name);
    for (const QFileInfo &entry : entries) {
        const QString rel = relative(entry.absoluteFilePath());
        if (rel.isEmpty() || entry.isSymLink() || m_ignore.isIgnored(rel, entry.isDir()))
            continue;
        if (entry.isDir())
            scanProject(entry.absoluteFilePath(), files);
        else if (entry.isFile() && entry.size() <= kMaxRecordedFileSize)
            files.append(rel);
    }
}

void Recorder::keyframeFromDisk(const QString &relativePath)
{
    QFile file(m_project + QLatin1Char('/') + relativePath);
    if (file.size() > kMaxRecordedFileSize || !file.open(QIODevice::ReadOnly))
        return;
    const QByteArray data = file.readAll();
    if (!isUtf8Text(data))
        return;
    keyframe(relativePath, data);
}

void Recorder::keyframe(const QString &relativePath, const QByteArray &text)
{
    append(rec::Event::keyframe(now(), utf8(relativePath), text.toStdString()));
    m_known.insert(relativePath);
    m_digests.insert(relativePath, digest(text));
}

void Recorder::keyframeFromEditor(CodeEditor *editor)
{
    const QString rel = relative(editor->filePath());
    if (!m_writer || rel.isEmpty() || m_ignore.isIgnored(rel))
        return;
    keyframe(rel, editor->textBytes());
    m_digests.remove(rel); // open: its text changes edit by edit from here
}

CodeEditor *Recorder::openEditor(const QString &absolutePath) const
{
    for (const QPointer<CodeEditor> &editor : m_editors) {
        if (editor && editor->filePath() == absolutePath)
            return editor;
    }
    return nullptr;
}

void Recorder::learn(const QString &relativePath, const QString &editorPath)
{
    if (CodeEditor *editor = openEditor(editorPath)) {
        keyframe(relativePath, editor->textBytes());
        m_digests.remove(relativePath);
    } else {
        keyframeFromDisk(relativePath);
    }
}

void Recorder::sync(CodeEditor *editor)
{
    const QString rel = relative(editor->filePath());
    if (!m_writer || rel.isEmpty() || m_ignore.isIgnored(rel) || editor->isLoading())
        return;
    // A known file whose recorded text is the editor's needs nothing; anything else (not
    // known yet, changed on disk while closed, edited and closed without saving) a keyframe.
    const auto recorded = m_digests.constFind(rel);
    if (!m_known.contains(rel) || recorded == m_digests.cend() || *recorded != digest(editor->textBytes()))
        keyframe(rel, editor->textBytes());
    m_digests.remove(rel);
}

void Recorder::attach(CodeEditor *editor)
{
    if (m_editors.contains(editor)) {
        sync(editor);
        return;
    }
    m_editors.removeAll(nullptr);
    m_editors.append(editor);
    // Attached again when recording is switched back on: connecting twice would record every
    // edit twice (tests/vcs/tst_replayfromhistory found it).
    disconnect(editor, nullptr, this, nullptr);
    connect(editor, &QsciScintillaBase::SCN_MODIFIED, this,
            [this, editor](int position, int type, const char *text, int length, int, int, int, int, int,
                           int) { onModified(editor, position, type, text, length); });
    auto selectionMoved = [this, editor] {
        if (!m_writer)
            return;
        if (m_selectionEditor && m_selectionEditor != editor)
            flushSelection();
        m_selectionEditor = editor;
        if (!m_selectionTimer->isActive())
            m_selectionTimer->start();
    };
    connect(editor, &QsciScintilla::selectionChanged, this, selectionMoved);
    connect(editor, &QsciScintilla::cursorPositionChanged, this, selectionMoved);
    connect(editor, &CodeEditor::loaded, this, [this, editor] {
        keyframeFromEditor(editor);
        ignoreFileTouched(editor->filePath()); // an open ignore file reloaded after an outside change
    });
    connect(editor, &CodeEditor::saved, this, [this, editor] { ignoreFileTouched(editor->filePath()); });
    connect(editor, &CodeEditor::aboutToBeDestroyed, this, [this, editor] {
        // Closed: from now on the recording holds this text for the file, whatever the disk says.
        const QString rel = relative(editor->filePath());
        if (m_known.contains(rel))
            m_digests.insert(rel, digest(editor->textBytes()));
        m_editors.removeAll(editor);
    });
    connect(editor, &CodeEditor::aboutToPaste, this, [this, editor] {
        const QString rel = relative(editor->filePath());
        if (m_writer && m_known.contains(rel))
            append(rec::Event::marker(now(), "paste", "", utf8(rel)));
    });
    sync(editor);
}

void Recorder::onModified(CodeEditor *editor, int position, int type, const char *text, int length)
{
    if (!m_writer || editor->isLoading() || length <= 0)
        return;
    if (!(type & (QsciScintillaBase::SC_MOD_INSERTTEXT | QsciScintillaBase::SC_MOD_BEFOREDELETE)))
        return;
    const QString rel = relative(editor->filePath());
    if (!m_known.contains(rel))
        return;
    if (type & QsciScintillaBase::SC_MOD_INSERTTEXT) {
        append(rec::Event::insert(now(), utf8(rel), position, std::string(text, std::size_t(length))));
    } else {
        // Before the delete, the bytes are still in the document.
        const QByteArray gone = editor->bytes(position, position + length).chopped(1);
        append(rec::Event::erase(now(), utf8(rel), position, gone.toStdString()));
    }
}

// Selections are read when written, never remembered: every edit before this moment is
// already recorded, so the positions always fit the recorded text.
void Recorder::flushSelection()
{
    m_selectionTimer->stop();
    CodeEditor *editor = m_selectionEditor;
    m_selectionEditor = nullptr;
    if (!m_writer || !editor)
        return;
    const QString rel = relative(editor->filePath());
    if (!m_known.contains(rel))
        return;
    std::vector<std::int64_t> ranges;
    const long count = editor->SendScintilla(QsciScintillaBase::SCI_GETSELECTIONS);
    for (long i = 0; i < count; ++i) {
        ranges.push_back(editor->SendScintilla(QsciScintillaBase::SCI_GETSELECTIONNANCHOR, i));
        ranges.push_back(editor->SendScintilla(QsciScintillaBase::SCI_GETSELECTIONNCARET, i));
    }
    append(rec::Event::selection(now(), utf8(rel), std::move(ranges)));
}

void Recorder::fileCreated(const QString &absolutePath)
{
    const QString rel = relative(absolutePath);
    if (m_writer && !rel.isEmpty() && !m_ignore.isIgnored(rel))
        keyframeFromDisk(rel);
    ignoreFileTouched(absolutePath);
}

void Recorder::pathRenamed(const QString &from, const QString &to)
{
    if (!m_writer)
        return;
    flushSelection();
    const QString fromRel = relative(from);
    const QString toRel = relative(to);
    QStringList moved;
    for (const QString &known : std::as_const(m_known)) {
        if (known == fromRel || known.startsWith(fromRel + QLatin1Char('/')))
            moved.append(known);
    }
    std::sort(moved.begin(), moved.end());
    for (const QString &old : std::as_const(moved)) {
        const QString renamed = toRel + old.mid(fromRel.size());
        m_known.remove(old);
        const auto recorded = m_digests.constFind(old);
        const QByteArray oldDigest = recorded == m_digests.cend() ? QByteArray() : *recorded;
        m_digests.remove(old);
        if (toRel.isEmpty() || m_ignore.isIgnored(renamed)) {
            append(rec::Event::remove(now(), utf8(old))); // moved out of sight: gone from the recording
        } else {
            append(rec::Event::rename(now(), utf8(old), utf8(renamed)));
            m_known.insert(renamed);
            if (!oldDigest.isEmpty())
                m_digests.insert(renamed, oldDigest);
        }
    }
    // Files that were ignored under their old name and are visible under the new one: a
    // file, or every file in a folder (build/ renamed to out/). An open editor of such a file
    // still has its old path (the tabs follow the rename after the recorder) and its own text.
    if (!toRel.isEmpty()) {
        QStringList appeared;
        const QFileInfo target(to);
        if (target.isDir() && !m_ignore.isIgnored(toRel, true))
            scanProject(target.absoluteFilePath(), appeared);
        else if (target.isFile() && !m_ignore.isIgnored(toRel))
            appeared.append(toRel);
        for (const QString &rel : std::as_const(appeared)) {
            if (!m_known.contains(rel))
                learn(rel, QDir::cleanPath(from + rel.mid(toRel.size())));
        }
    }
    ignoreFileTouched(from);
    ignoreFileTouched(to);
}

void Recorder::pathRemoved(const QString &absolutePath)
{
    if (!m_writer)
        return;
    flushSelection();
    const QString rel = relative(absolutePath);
    QStringList removed;
    for (const QString &known : std::as_const(m_known)) {
        if (known == rel || known.startsWith(rel + QLatin1Char('/')))
            removed.append(known);
    }
    std::sort(removed.begin(), removed.end());
    for (const QString &path : std::as_const(removed)) {
        m_known.remove(path);
        m_digests.remove(path);
        append(rec::Event::remove(now(), utf8(path)));
    }
    ignoreFileTouched(absolutePath);
}

void Recorder::ignoreFileTouched(const QString &absolutePath)
{
    if (m_writer && isIgnoreFile(absolutePath))
        reloadIgnoreRules();
}

void Recorder::reloadIgnoreRules()
{
    if (!m_writer)
        return;
    flushSelection();
    m_ignore = IgnoreMatcher(m_project);
    QStringList hidden;
    for (const QString &known : std::as_const(m_known)) {
        if (m_ignore.isIgnored(known))
            hidden.append(known);
    }
    std::sort(hidden.begin(), hidden.end());
    for (const QString &rel : std::as_const(hidden)) {
        m_known.remove(rel);
        m_digests.remove(rel);
        append(rec::Event::remove(now(), utf8(rel)));
    }
    QStringList visible;
    scanProject(m_project, visible);
    for (const QString &rel : std::as_const(visible)) {
        if (!m_known.contains(rel))
            learn(rel, m_project + QLatin1Char('/') + rel);
    }
}

void Recorder::syncWithDisk()
{
    if (!m_writer)
        return;
    reloadIgnoreRules();
    QStringList known(m_known.cbegin(), m_known.cend());
    std::sort(known.begin(), known.end());
    for (const QString &rel : std::as_const(known)) {
        const QString path = m_project + QLatin1Char('/') + rel;
        if (openEditor(path))
            continue; // the editor reloads (a keyframe) or keeps its unsaved text
        QFile file(path);
        if (!file.exists()) {
            m_known.remove(rel);
            m_digests.remove(rel);
            append(rec::Event::remove(now(), utf8(rel)));
            continue;
        }
        if (file.size() > kMaxRecordedFileSize || !file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray data = file.readAll();
        if (m_digests.value(rel) != digest(data) && isUtf8Text(data))
            keyframe(rel, data);
    }
}

void Recorder::focusChanged(const QString &absolutePath)
{
    const QString rel = relative(absolutePath);
    if (m_writer && m_known.contains(rel))
        append(rec::Event::focus(now(), utf8(rel)));
}

void Recorder::runStarted(const QString &label, const QString &absolutePath)
{
    m_runOutputBytes = 0;
    const QString rel = relative(absolutePath);
    append(rec::Event::marker(now(), "run", utf8(label), m_known.contains(rel) ? utf8(rel) : std::string()));
}

void Recorder::addMarker(const QString &kind, const QString &label)
{
    append(rec::Event::marker(now(), utf8(kind), utf8(label)));
}

void Recorder::runOutput(const QString &stream, const QString &text)
{
    if (m_runOutputBytes > kMaxRunOutputBytes)
        return;
    QByteArray bytes = text.toUtf8();
    const qint64 room = kMaxRunOutputBytes - m_runOutputBytes;
    m_runOutputBytes += bytes.size();
    if (bytes.size() > room) {
        qsizetype cut = qsizetype(room);
        while (cut > 0 && (bytes.at(cut) & 0xC0) == 0x80)
            --cut; // never half a character
        bytes.truncate(cut);
        m_runOutputBytes = kMaxRunOutputBytes + 1;
    }
    if (!bytes.isEmpty())
        append(rec::Event::output(now(), utf8(stream), bytes.toStdString()));
    if (m_runOutputBytes > kMaxRunOutputBytes)
        append(rec::Event::marker(now(), "output-capped",
                                  utf8(tr("output past %1 bytes is not recorded").arg(kMaxRunOutputBytes))));
}

void Recorder::runFinished(int exitCode, qint64 milliseconds, const QString &status)
{
    const QString said = status.isEmpty() ? tr("exit code %1").arg(exitCode) : status;
    append(rec::Event::marker(now(), "exit", utf8(tr("%1 after %2 ms").arg(said).arg(milliseconds))));
}

} // namespace bunny::app
