// The recorder meets a folder it cannot write and a disk that fills up mid-session: a visible
// warning, editing and saving go on, and what was recorded before the failure stays readable.
#include "projectfixture.h"

#include "editor/codeeditor.h"
#include "editor/editortabs.h"
#include "recorder/recorder.h"
#include "ui/mainwindow.h"

#include <recording/recording.h>

#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/mount.h>
#include <unistd.h>

using bunny::app::MainWindow;
using namespace bunny::testing;

namespace {

// A small tmpfs mounted for one test: the only honest way to get ENOSPC from the kernel.
class TinyDisk
{
public:
    explicit TinyDisk(const QString &path)
        : m_path(path)
    {
        const QByteArray target = QFile::encodeName(path);
        m_mounted = ::mount("bunny-test", target.constData(), "tmpfs", 0, "size=512k,mode=0755") == 0;
    }
    ~TinyDisk()
    {
        if (m_mounted)
            ::umount2(QFile::encodeName(m_path).constData(), MNT_DETACH);
    }
    bool mounted() const { return m_mounted; }

    // Writes a filler file until the disk refuses.
    void fillUp(const QString &filler)
    {
        QFile file(filler);
        if (!file.open(QIODevice::WriteOnly))
            return;
        const QByteArray chunk(4096, 'x');
        while (file.write(chunk) == chunk.size() && file.flush()) {
        }
    }

private:
    QString m_path;
    bool m_mounted = false;
};

} // namespace

class tst_RecorderFailures : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void anUnwritableRecordingsFolderWarnsAndEditingGoesOn()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath(QStringLiteral("main.py")), "print(1)\n");
        // .bunny is a plain file, so .bunny/recordings cannot be made (root ignores chmod).
        writeFile(dir.filePath(QStringLiteral(".bunny")), "not a folder\n");

        MainWindow window;
        QVERIFY(window.openPath(dir.filePath(QStringLiteral("main.py"))));
        QVERIFY(!window.recorder()->isRecording());
        QVERIFY2(window.recIndicatorText().contains(QStringLiteral("⚠")),
                 qPrintable(window.recIndicatorText()));

        window.editor()->insertAt(QStringLiteral("x = 'é'\n"), 1, 0);
        QVERIFY(window.tabs()->saveAll());
        QCOMPARE(readFile(dir.filePath(QStringLiteral("main.py"))), QByteArray("print(1)\nx = 'é'\n"));
    }

    void aFullDiskStopsTheRecorderVisiblyAndKeepsWhatWasWritten()
    {
        if (::geteuid() != 0)
            QSKIP("mounting a small tmpfs to fill needs root; the CI machine runs as root");
        QTemporaryDir outer;
        const QString root = outer.filePath(QStringLiteral("disk"));
        QVERIFY(QDir().mkpath(root));
        TinyDisk disk(root);
        if (!disk.mounted())
            QSKIP("this kernel refused a tmpfs mount (no CAP_SYS_ADMIN in this container)");
        writeFile(root + QStringLiteral("/main.py"), "print(1)\n");

        MainWindow window;
        QVERIFY(window.openPath(root + QStringLiteral("/main.py")));
        QVERIFY(window.recorder()->isRecording());
        const QString session = window.recorder()->sessionPath();
        window.editor()->insertAt(QStringLiteral("# before the disk filled\n"), 0, 0);
        QVERIFY(window.recorder()->flush());

        QSignalSpy failed(window.recorder(), &bunny::app::Recorder::failed);
        disk.fillUp(root + QStringLiteral("/filler.bin"));
        // Keep typing (and flushing, as the writer does every second) until the disk says no.
        const QString line = QStringLiteral("value = 'ünïcode text to fill the disk up'\n");
        for (int i = 0; i < 4000 && failed.isEmpty(); ++i) {
            window.editor()->insertAt(line, 1, 0);
            if (i % 50 == 0)
                (void)window.recorder()->flush();
        }
        QVERIFY2(!failed.isEmpty(), "the recorder never noticed the full disk");
        QVERIFY(failed.at(0).at(0).toString().contains(QStringLiteral("Editing goes on")));
        QVERIFY(!window.recorder()->isRecording());
        QVERIFY(window.recIndicatorText().contains(QStringLiteral("⚠")));

        // Editing goes on in the buffer, and saving works again once there is room.
        window.editor()->insertAt(QStringLiteral("after = True\n"), 0, 0);
        QVERIFY(window.editor()->text().startsWith(QStringLiteral("after = True\n")));
        QVERIFY(QFile::remove(root + QStringLiteral("/filler.bin")));
        QVERIFY(window.tabs()->saveAll());
        QVERIFY(readFile(root + QStringLiteral("/main.py"))
                    .startsWith("after = True\n# before the disk filled\n"));

        // What reached the disk before the failure reads back (a cut last line is tolerated).
        auto recording = bunny::rec::Recording::load(session.toStdString());
        QVERIFY2(recording.ok(), recording.ok() ? "" : recording.message().c_str());
        const bunny::rec::Document state = recording->stateAt(recording->durationMs());
        const std::string *text = state.text("main.py");
        QVERIFY(text);
        // Exactly the first line, some whole typed lines that made it, and the original text.
        QByteArray recorded = QByteArray::fromStdString(*text);
        QVERIFY(recorded.startsWith("# before the disk filled\n"));
        QVERIFY(recorded.endsWith("print(1)\n"));
        recorded = recorded.mid(25, recorded.size() - 25 - 9);
        const QByteArray typed = line.toUtf8();
        QCOMPARE(recorded, typed.repeated(int(recorded.size() / typed.size())));
    }
};

QTEST_MAIN(tst_RecorderFailures)
#include "tst_recorderfailures.moc"
