/* Decodes a GIF with giflib and writes what a viewer would show: the frame count and each
 * frame's delay in centiseconds on standard output, and the RGB screen after each frame
 * (transparency applied, nothing disposed) to OUT.rgb. */
#include <gif_lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: giflib_dump FILE.gif OUT.rgb\n"); return 2; }
    FILE *out = fopen(argv[2], "wb");
    if (!out) { perror(argv[2]); return 2; }
    int error = 0;
    GifFileType *gif = DGifOpenFileName(argv[1], &error);
    if (!gif || DGifSlurp(gif) != GIF_OK) { fprintf(stderr, "giflib: cannot decode %s (%d)\n", argv[1], error); return 1; }
    int w = gif->SWidth, h = gif->SHeight;
    unsigned char *screen = calloc((size_t)w * h * 3, 1);
    printf("%d\n", gif->ImageCount);
    for (int i = 0; i < gif->ImageCount; i++) {
        GraphicsControlBlock gcb = {0, false, 0, NO_TRANSPARENT_COLOR};
        DGifSavedExtensionToGCB(gif, i, &gcb);
        SavedImage *image = &gif->SavedImages[i];
        ColorMapObject *map = image->ImageDesc.ColorMap ? image->ImageDesc.ColorMap : gif->SColorMap;
        GifImageDesc *d = &image->ImageDesc;
        for (int y = 0; y < d->Height; y++) {
            for (int x = 0; x < d->Width; x++) {
                int index = image->RasterBits[y * d->Width + x];
                if (index == gcb.TransparentColor) continue;
                GifColorType c = map->Colors[index];
                unsigned char *p = screen + ((size_t)(d->Top + y) * w + d->Left + x) * 3;
                p[0] = c.Red; p[1] = c.Green; p[2] = c.Blue;
            }
        }
        fwrite(screen, 1, (size_t)w * h * 3, out);
        printf("%d\n", gcb.DelayTime);
    }
    DGifCloseFile(gif, &error);
    fclose(out);
    free(screen);
    return 0;
}
