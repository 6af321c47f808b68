package dev.engram.io;

import dev.engram.core.AtomicFiles;
import dev.engram.core.UserError;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * NIfTI-1 single files (.nii, .nii.gz): 3D or 4D images of uint8, int8, int16, uint16, int32, float32 or
 * float64 voxels in either byte order, scaled by scl_slope/scl_inter as nibabel does (slope 0 or not finite
 * means no scaling). The affine is the sform when sform_code > 0, else the qform, else nibabel's base affine.
 *
 * <p>Reading is strict: the 348-byte header is checked (sizeof_hdr, magic, dimensions, datatype/bitpix,
 * vox_offset) and the data must be complete; a truncated or corrupt .nii.gz is an error, never a partial image.
 * Writing emits float32 little-endian with the geometry (qform and sform) copied from a template header, atomically.
 */
public final class Nifti {
    /** Images with more voxels than this in one volume are refused (a float[] per volume). */
    public static final long MAX_VOXELS_PER_VOLUME = Integer.MAX_VALUE - 8;
    /** All volumes together: 2^31 values, i.e. 8 GB of floats. */
    public static final long MAX_VALUES = 1L << 31;

    private Nifti() {}

    /**
     * The geometry of an image: sizes, voxel sizes (pixdim[1..4]) and the orientation fields copied verbatim so
     * maps written from it line up with the input.
     */
    public record Geometry(int nx, int ny, int nz, float[] pixdim, short qformCode, short sformCode, float[] quatern,
                           float[] srow, short xyztUnits) {
        public int voxels() { return nx * ny * nz; }

        /** The 4x4 affine (row-major) that maps voxel indices to world coordinates, chosen as nibabel does. */
        public double[][] affine() {
            if (sformCode > 0) {
                return new double[][] {{srow[0], srow[1], srow[2], srow[3]}, {srow[4], srow[5], srow[6], srow[7]},
                        {srow[8], srow[9], srow[10], srow[11]}, {0, 0, 0, 1}};
            }
            if (qformCode > 0) return qformAffine();
            // nibabel's base affine: x flipped, centred on the volume.
            double zx = pixdim[1], zy = pixdim[2], zz = pixdim[3];
            return new double[][] {{-zx, 0, 0, (nx - 1) / 2.0 * zx}, {0, zy, 0, -(ny - 1) / 2.0 * zy},
                    {0, 0, zz, -(nz - 1) / 2.0 * zz}, {0, 0, 0, 1}};
        }

        private double[][] qformAffine() {
            double b = quatern[0], c = quatern[1], d = quatern[2];
            double w2 = 1 - (b * b + c * c + d * d);
            double a = w2 < 0 && w2 > -1e-6 ? 0 : Math.sqrt(Math.max(0, w2));
            double[][] r = {
                    {a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c)},
                    {2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b)},
                    {2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b}};
            double qfac = pixdim[0] == 0 ? 1 : Math.signum(pixdim[0]);
            double[] z = {pixdim[1], pixdim[2], pixdim[3] * qfac};
            double[][] m = new double[4][4];
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) m[i][j] = r[i][j] * z[j];
                m[i][3] = quatern[3 + i];
            }
            m[3][3] = 1;
            return m;
        }
    }

    /** An image: geometry, number of volumes, the header's datatype code, and values[t][x + nx*(y + ny*z)]. */
    public record Image(Geometry geometry, int volumes, int datatype, float[][] values) {
        public double[][] affine() { return geometry.affine(); }

        public float value(int x, int y, int z, int t) {
            Geometry g = geometry;
            return values[t][x + g.nx() * (y + g.ny() * z)];
        }
    }

    public static Image read(Path file) {
        if (!Files.isRegularFile(file)) throw new UserError(file + ": no such file");
        boolean gz = isGzip(file);
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             InputStream in = gz ? new GZIPInputStream(raw, 1 << 16) : raw) {
            return parse(file, in, gz ? -1 : Files.size(file));
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such file");
        } catch (EOFException | ZipException e) {
            throw bad(file, "the file ends early or its gzip stream is corrupt (" + e.getMessage() + "): truncated download? Re-copy the file");
        } catch (IOException e) {
            throw new UserError(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static boolean isGzip(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        } catch (IOException e) {
            throw new UserError(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static Image parse(Path file, InputStream in, long fileSize) throws IOException {
        byte[] hb = in.readNBytes(348);
        if (hb.length < 348) throw bad(file, "the header has " + hb.length + " bytes, fewer than NIfTI-1's 348");
        ByteBuffer h = ByteBuffer.wrap(hb).order(ByteOrder.LITTLE_ENDIAN);
        if (h.getInt(0) != 348) {
            h.order(ByteOrder.BIG_ENDIAN);
            if (h.getInt(0) != 348) {
                if (Integer.reverseBytes(h.getInt(0)) == 540 || h.getInt(0) == 540)
                    throw bad(file, "this is a NIfTI-2 file; convert it to NIfTI-1 (e.g. nibabel's Nifti1Image)");
                throw bad(file, "sizeof_hdr is not 348: not a NIfTI-1 file");
            }
        }
        String magic = new String(hb, 344, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (magic.equals("ni1\0")) throw bad(file, "this is the header of a .hdr/.img pair; Engram reads single-file .nii/.nii.gz only");
        if (!magic.equals("n+1\0")) throw bad(file, "magic is not 'n+1' (an ANALYZE file?); only NIfTI-1 single files are read");
        int ndim = h.getShort(40);
        if (ndim < 1 || ndim > 7) throw bad(file, "dim[0] = " + ndim + " is outside 1..7");
        int[] dim = new int[8];
        for (int i = 1; i <= 7; i++) dim[i] = i <= ndim ? h.getShort(40 + 2 * i) : 1;
        for (int i = 1; i <= ndim; i++) if (dim[i] < 1) throw bad(file, "dim[" + i + "] = " + dim[i] + " is not positive");
        for (int i = 5; i <= ndim; i++)
            if (dim[i] != 1) throw bad(file, "dimension " + i + " has size " + dim[i] + "; only 3D and 4D images are read");
        int datatype = h.getShort(70), bitpix = h.getShort(72);
        int width = switch (datatype) {
            case 2, 256 -> 1;
            case 4, 512 -> 2;
            case 8, 16 -> 4;
            case 64 -> 8;
            default -> throw bad(file, "datatype " + datatype + " is not supported (uint8 2, int8 256, int16 4, uint16 512, int32 8, float32 16, float64 64)");
        };
        if (bitpix != 8 * width) throw bad(file, "bitpix " + bitpix + " does not match datatype " + datatype + " (" + 8 * width + " bits)");
        float[] pixdim = new float[8];
        for (int i = 0; i < 8; i++) pixdim[i] = h.getFloat(76 + 4 * i);
        float voxOffsetF = h.getFloat(108);
        if (!Float.isFinite(voxOffsetF) || voxOffsetF < 0) throw bad(file, "vox_offset " + voxOffsetF + " is invalid");
        long voxOffset = Math.max(352, (long) voxOffsetF);
        float slope = h.getFloat(112), inter = h.getFloat(116);
        boolean scaled = Float.isFinite(slope) && slope != 0 && Float.isFinite(inter) && !(slope == 1 && inter == 0);
        float[] quatern = new float[6];
        for (int i = 0; i < 6; i++) quatern[i] = h.getFloat(256 + 4 * i);
        float[] srow = new float[12];
        for (int i = 0; i < 12; i++) srow[i] = h.getFloat(280 + 4 * i);
        Geometry g = new Geometry(dim[1], dim[2], dim[3], pixdim, h.getShort(252), h.getShort(254), quatern, srow, hb[123]);
        long perVolume = (long) dim[1] * dim[2] * dim[3];
        int volumes = dim[4];
        if (perVolume > MAX_VOXELS_PER_VOLUME || perVolume * volumes > MAX_VALUES)
            throw bad(file, "the image " + Arrays.toString(Arrays.copyOfRange(dim, 1, ndim + 1)) + " is larger than Engram reads (" + MAX_VALUES + " values)");
        long need = voxOffset + perVolume * volumes * width;
        if (fileSize >= 0 && fileSize < need)
            throw bad(file, "the file has " + fileSize + " bytes but the header needs " + need + " (truncated?)");
        in.skipNBytes(voxOffset - 348);
        float[][] values = new float[volumes][(int) perVolume];
        ByteOrder order = h.order();
        byte[] buf = new byte[(int) Math.min(perVolume * width, 1 << 20) / width * width];
        for (int t = 0; t < volumes; t++) {
            float[] v = values[t];
            int done = 0;
            while (done < perVolume) {
                int n = (int) Math.min(buf.length / width, perVolume - done);
                int got = in.readNBytes(buf, 0, n * width);
                if (got < n * width) throw new EOFException("volume " + t + " ends after " + (done + got / width) + " of " + perVolume + " voxels");
                ByteBuffer b = ByteBuffer.wrap(buf, 0, n * width).order(order);
                for (int i = 0; i < n; i++) {
                    double x = switch (datatype) {
                        case 2 -> b.get() & 0xff;
                        case 256 -> b.get();
                        case 4 -> b.getShort();
                        case 512 -> b.getShort() & 0xffff;
                        case 8 -> b.getInt();
                        case 16 -> b.getFloat();
                        default -> b.getDouble();
                    };
                    v[done + i] = (float) (scaled ? x * slope + inter : x);
                }
                done += n;
            }
        }
        return new Image(g, volumes, datatype, values);
    }

    /** A template geometry for images made from nothing: voxel size 1, sform = qform = identity (scanner). */
    public static Geometry identityGeometry(int nx, int ny, int nz, float tr) {
        float[] pixdim = {1, 1, 1, 1, tr, 0, 0, 0};
        float[] srow = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0};
        return new Geometry(nx, ny, nz, pixdim, (short) 1, (short) 1, new float[6], srow, (byte) 10);
    }

    /** Writes float32 volumes with {@code geometry}'s orientation; .gz suffix means gzip. Atomic. */
    public static void write(Path file, Geometry geometry, float[][] volumes) {
        int nv = geometry.voxels();
        for (float[] v : volumes)
            if (v.length != nv) throw new IllegalArgumentException("volume of " + v.length + " values, geometry holds " + nv);
        ByteBuffer h = ByteBuffer.allocate(352).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0, 348);
        int ndim = volumes.length > 1 ? 4 : 3;
        short[] dim = {(short) ndim, (short) geometry.nx(), (short) geometry.ny(), (short) geometry.nz(), (short) volumes.length, 1, 1, 1};
        if (geometry.nx() > Short.MAX_VALUE || geometry.ny() > Short.MAX_VALUE || geometry.nz() > Short.MAX_VALUE || volumes.length > Short.MAX_VALUE)
            throw new UserError(file + ": a dimension exceeds NIfTI-1's limit of 32767");
        for (int i = 0; i < 8; i++) h.putShort(40 + 2 * i, dim[i]);
        h.putShort(70, (short) 16).putShort(72, (short) 32);
        float[] pixdim = geometry.pixdim().clone();
        if (pixdim[0] == 0) pixdim[0] = 1;
        for (int i = 0; i < 8; i++) h.putFloat(76 + 4 * i, pixdim[i]);
        h.putFloat(108, 352f).putFloat(112, 1f).putFloat(116, 0f);
        h.put(123, (byte) geometry.xyztUnits());
        byte[] descrip = "written by Engram".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        h.put(148, descrip);
        h.putShort(252, geometry.qformCode()).putShort(254, geometry.sformCode());
        for (int i = 0; i < 6; i++) h.putFloat(256 + 4 * i, geometry.quatern()[i]);
        for (int i = 0; i < 12; i++) h.putFloat(280 + 4 * i, geometry.srow()[i]);
        h.put(344, (byte) 'n').put(345, (byte) '+').put(346, (byte) '1').put(347, (byte) 0);
        boolean gz = file.getFileName().toString().endsWith(".gz");
        AtomicFiles.write(file, ch -> {
            OutputStream raw = Channels.newOutputStream(ch);
            OutputStream out = gz ? new GZIPOutputStream(raw, 1 << 16) : new java.io.BufferedOutputStream(raw, 1 << 16);
            out.write(h.array());
            ByteBuffer b = ByteBuffer.allocate(4 * nv).order(ByteOrder.LITTLE_ENDIAN);
            for (float[] v : volumes) {
                b.clear();
                b.asFloatBuffer().put(v);
                out.write(b.array(), 0, 4 * nv);
            }
            out.flush();
            if (out instanceof GZIPOutputStream z) z.finish();
            out.flush();
        });
    }

    /**
     * A brain mask: a 3D image whose non-zero voxels are kept, checked against the data's grid. Returns the
     * kept voxel indices (x fastest), ascending.
     */
    public static int[] maskIndices(Path maskFile, Image mask, Geometry data) {
        Geometry m = mask.geometry();
        if (m.nx() != data.nx() || m.ny() != data.ny() || m.nz() != data.nz())
            throw new UserError(maskFile + ": the mask is " + m.nx() + "x" + m.ny() + "x" + m.nz() + " but the data are "
                    + data.nx() + "x" + data.ny() + "x" + data.nz() + "; give a mask on the same grid (resample it to the functional image)");
        if (mask.volumes() != 1) throw new UserError(maskFile + ": the mask has " + mask.volumes() + " volumes; a mask is one 3D volume");
        float[] v = mask.values()[0];
        int n = 0;
        for (float x : v) if (x != 0 && !Float.isNaN(x)) n++;
        if (n == 0) throw new UserError(maskFile + ": the mask keeps no voxel (all zero)");
        int[] idx = new int[n];
        for (int i = 0, k = 0; i < v.length; i++) if (v[i] != 0 && !Float.isNaN(v[i])) idx[k++] = i;
        return idx;
    }

    private static UserError bad(Path file, String what) {
        return new UserError(file + ": not a valid NIfTI-1 file: " + what);
    }
}
