/* TESTS ONLY — never shipped. A stand-in bcryptprimitives.dll for wine 8.0,
 * which lacks it: Go 1.22+ programs call ProcessPrng from it at start-up and
 * die without it. ProcessPrng fills the buffer from RtlGenRandom
 * (advapi32!SystemFunction036). Real Windows 10/11 has the real DLL.
 * Built by packaging/test-wine.sh into a throw-away WINEPREFIX. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!SystemFunction036(data, n))
            return FALSE;
        data += n;
        len -= n;
    }
    return TRUE;
}

BOOL WINAPI DllMain(HINSTANCE h, DWORD reason, LPVOID reserved)
{
    (void)h; (void)reason; (void)reserved;
    return TRUE;
}
