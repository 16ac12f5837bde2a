/* TESTS ONLY. Holds a file open the way Excel does while a workbook is open
 * (read/write access, other processes may only read), so the test can check
 * what chanjiao-cli does with such a file:
 *     holdopen.exe FILE SECONDS
 * prints "held" once the file is open, then sleeps SECONDS and exits. */
#include <windows.h>
#include <stdio.h>
#include <wchar.h>

int wmain(int argc, wchar_t **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: holdopen FILE SECONDS\n");
        return 2;
    }
    HANDLE h = CreateFileW(argv[1], GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ, NULL,
                           OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        fprintf(stderr, "holdopen: cannot open (error %lu)\n", GetLastError());
        return 1;
    }
    printf("held\n");
    fflush(stdout);
    Sleep((DWORD)_wtoi(argv[2]) * 1000);
    CloseHandle(h);
    return 0;
}
