#include "ui/testdriver.h"

#include "editor/codeeditor.h"
#include "ui/mainwindow.h"

#include <QTimer>

#include <cstdio>

namespace bunny::app {

void startTestDriverFromEnvironment(MainWindow *window)
{
    if (qEnvironmentVariableIsSet("BUNNY_TEST_READY")) {
        // Queued behind the window's first show and layout: the editor takes keys from here on.
        QTimer::singleShot(0, window, [] {
            std::printf("bunny-test: ready\n");
            std::fflush(stdout);
        });
    }
    const QString text = qEnvironmentVariable("BUNNY_TEST_TYPE");
    if (text.isEmpty())
        return;
    bool ok = false;
    int interval = qEnvironmentVariableIntValue("BUNNY_TEST_TYPE_INTERVAL_MS", &ok);
    if (!ok)
        interval = 10;
    auto *timer = new QTimer(window);
    timer->setInterval(interval);
    auto *typed = new int(0);
    QObject::connect(timer, &QTimer::timeout, window, [window, timer, text, typed] {
        CodeEditor *editor = window->editor();
        if (!editor)
            return;
        if (*typed >= text.size()) {
            timer->stop();
            std::printf("bunny-test: typed %d\n", *typed);
            std::fflush(stdout);
            delete typed;
            return;
        }
        // SCI_REPLACESEL is what Scintilla's own key handling does for a typed character; an
        // emoji is one character of two UTF-16 units.
        const int units = text.at(*typed).isHighSurrogate() && *typed + 1 < text.size() ? 2 : 1;
        const QByteArray character = text.mid(*typed, units).toUtf8();
        editor->SendScintilla(QsciScintillaBase::SCI_REPLACESEL, character.constData());
        *typed += units;
        // Progress, so a test killing the app mid-typing knows what was typed when.
        std::printf("bunny-test: typing %d\n", *typed);
        std::fflush(stdout);
    });
    timer->start();
}

} // namespace bunny::app
