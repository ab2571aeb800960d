#pragma once

#include "vcs/types.h"

namespace bunny::vcs {

/// Who commits: the name and email saved in QSettings ("vcs/authorName", "vcs/authorEmail"),
/// else the signed-in account (setAccount), else the login name of the computer's user.
class AuthorSettings
{
public:
    /// The author for the next commit; never an empty name.
    static Person author();
    /// True when the user saved a name of their own (not a fallback).
    static bool isConfigured();
    static void save(const Person &person);
    /// The account the app is signed in with, used when nothing is saved. Empty clears it.
    static void setAccount(const Person &account);
};

} // namespace bunny::vcs
